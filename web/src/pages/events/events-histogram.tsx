import { BarChart } from 'echarts/charts';
import { BrushComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { EventHistogram } from '../../api/sensing';
import { formatCount } from '../../lib/format';
import { useTheme } from '../../lib/theme';
import { rangeOfBuckets, type TimeRange } from './events-model';

use([BarChart, BrushComponent, GridComponent, TooltipComponent, CanvasRenderer]);

interface EventsHistogramProps {
  readonly histogram: EventHistogram;
  /** A bar clicked, or bars brushed with the mouse: the range narrows to them. */
  readonly onPickRange: (range: TimeRange) => void;
}

function bucketLabel(iso: string, intervalSeconds: number): string {
  const d = new Date(iso);
  if (intervalSeconds >= 86_400) return d.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', ...(intervalSeconds < 60 ? { second: '2-digit' } : {}) });
  return intervalSeconds >= 3600 ? `${d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' })} ${time}` : time;
}

/** The theme's colours for the canvas, read from the CSS variables so light and dark both hold. */
function themeColours(element: HTMLElement) {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { bar: v('--primary', '#1a64d6'), text: v('--muted', '#526176'), line: v('--border-strong', '#cbd5e1'), split: v('--hairline', '#edf1f5') };
}

/** Matching events per interval over the range; drag across bars or click one to narrow the range. */
export function EventsHistogram({ histogram, onPickRange }: EventsHistogramProps) {
  const ref = useRef<HTMLDivElement>(null);
  const pick = useRef(onPickRange);
  const { theme } = useTheme();
  useEffect(() => {
    pick.current = onPickRange;
  }, [onPickRange]);

  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const chart = init(element, undefined, { renderer: 'canvas' });
    const { buckets, intervalSeconds } = histogram;
    const colours = themeColours(element);
    chart.setOption({
      animationDuration: 200,
      grid: { left: 8, right: 12, top: 10, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatCount(Number(v)) },
      brush: { xAxisIndex: 0, brushType: 'lineX', brushMode: 'single', throttleType: 'debounce', brushStyle: { color: 'rgba(26,100,214,0.15)', borderColor: colours.bar } },
      xAxis: {
        type: 'category',
        data: buckets.map((b) => bucketLabel(b.start, intervalSeconds)),
        axisLine: { lineStyle: { color: colours.line } },
        axisLabel: { color: colours.text, fontSize: 10.5, hideOverlap: true },
      },
      yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: colours.split } }, axisLabel: { color: colours.text, fontSize: 11 } },
      series: [{ type: 'bar', name: 'Events', barCategoryGap: '10%', itemStyle: { color: colours.bar }, data: buckets.map((b) => b.count) }],
    });
    // Dragging across the chart selects buckets (the brush is on without a toolbox button).
    chart.dispatchAction({ type: 'takeGlobalCursor', key: 'brush', brushOption: { brushType: 'lineX', brushMode: 'single' } });
    chart.on('brushEnd', (event) => {
      const area = (event as { areas?: { coordRange?: [number, number] }[] }).areas?.[0];
      const [first, last] = area?.coordRange ?? [];
      const a = first === undefined ? undefined : buckets[Math.max(0, first)];
      const b = last === undefined ? undefined : buckets[Math.min(buckets.length - 1, last)];
      chart.dispatchAction({ type: 'brush', areas: [] });
      if (a !== undefined && b !== undefined) pick.current(rangeOfBuckets(a.start, b.start, intervalSeconds));
    });
    // A click anywhere in a bucket's column (the brush cursor swallows clicks on the bars themselves).
    chart.getZr().on('click', (event) => {
      if (!chart.containPixel({ gridIndex: 0 }, [event.offsetX, event.offsetY])) return;
      const [index] = chart.convertFromPixel({ gridIndex: 0 }, [event.offsetX, event.offsetY]) as number[];
      const bucket = index === undefined ? undefined : buckets[Math.round(index)];
      if (bucket !== undefined) pick.current(rangeOfBuckets(bucket.start, bucket.start, intervalSeconds));
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [histogram, theme]);

  const total = histogram.buckets.reduce((sum, b) => sum + b.count, 0);
  return (
    <div
      ref={ref}
      className="chart events-histogram"
      role="img"
      aria-label={`Histogram: ${formatCount(total)} events in ${histogram.buckets.length} intervals of ${histogram.interval}`}
      data-testid="events-histogram"
      data-buckets={histogram.buckets.length}
    />
  );
}
