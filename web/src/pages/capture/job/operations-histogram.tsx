import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { operationClasses, type CaptureOperation, type OperationClass } from '../../../api/types';
import { operationColour, operationLabel } from '../capture-labels';
import { bucketLabel, bucketRange, buildHistogram } from './histogram-model';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface OperationsHistogramProps {
  readonly records: readonly CaptureOperation[];
  /** Classes the table is filtered to; the others are drawn faded. Empty: all. */
  readonly selected: readonly OperationClass[];
  /** A click on a bar narrows the timeline to that bucket. */
  readonly onPickRange: (range: { readonly from: string; readonly to: string }) => void;
}

/** Operations over time, stacked by class, with control operations in reds. */
export function OperationsHistogram({ records, selected, onPickRange }: OperationsHistogramProps) {
  const ref = useRef<HTMLDivElement>(null);
  const pickRef = useRef(onPickRange);
  const histogram = useMemo(() => buildHistogram(records), [records]);

  useEffect(() => {
    pickRef.current = onPickRange;
  }, [onPickRange]);

  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const chart = init(element, undefined, { renderer: 'canvas' });
    const { starts, widthUs, series } = histogram;
    const span = starts.length === 0 ? 0 : (starts.at(-1) ?? 0) + widthUs - (starts[0] ?? 0);
    // Known classes in their usual order, then anything newer dissectors report.
    const classes = [...operationClasses.filter((c) => series.has(c)), ...[...series.keys()].filter((c) => !(operationClasses as readonly string[]).includes(c))];
    const faded = (c: string) => selected.length > 0 && !(selected as readonly string[]).includes(c);
    chart.setOption({
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, left: 0, type: 'scroll', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11, color: '#475569' } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: starts.map((s) => bucketLabel(s, widthUs, span)),
        axisTick: { alignWithLabel: true },
        axisLine: { lineStyle: { color: '#cbd5e1' } },
        axisLabel: { color: '#64748b', fontSize: 10.5, hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f6' } }, axisLabel: { color: '#64748b', fontSize: 11 } },
      series: classes.map((c) => ({
        name: operationLabel(c),
        type: 'bar',
        stack: 'operations',
        barCategoryGap: '15%',
        itemStyle: { color: operationColour(c), opacity: faded(c) ? 0.2 : 1 },
        emphasis: { focus: 'series' },
        data: series.get(c) ?? [],
      })),
    });
    chart.on('click', (event) => {
      const start = starts[event.dataIndex];
      if (start !== undefined) pickRef.current(bucketRange(start, widthUs));
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [histogram, selected]);

  return <div ref={ref} className="chart ops-histogram" role="img" aria-label="Histogram of operations over time by class" data-testid="ops-histogram" />;
}
