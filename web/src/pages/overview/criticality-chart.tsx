import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { criticalities, type Criticality } from '../../api/types';
import { capitalise } from '../../lib/format';

// Registering only what the bar chart needs keeps ECharts out of most of the bundle.
use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export const criticalityColours: Readonly<Record<Criticality, string>> = {
  low: '#64748b',
  medium: '#d99a00',
  high: '#e8590c',
  critical: '#c92a2a',
};

interface CriticalityChartProps {
  readonly counts: Readonly<Record<Criticality, number>>;
}

export function CriticalityChart({ counts }: CriticalityChartProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const chart = init(element, undefined, { renderer: 'canvas' });
    chart.setOption({
      animationDuration: 400,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'category',
        data: criticalities.map(capitalise),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cbd5e1' } },
        axisLabel: { color: '#475569', fontSize: 12 },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        splitLine: { lineStyle: { color: '#eef2f6' } },
        axisLabel: { color: '#64748b', fontSize: 11 },
      },
      series: [
        {
          name: 'Assets',
          type: 'bar',
          barMaxWidth: 56,
          data: criticalities.map((c) => ({
            value: counts[c],
            itemStyle: { color: criticalityColours[c], borderRadius: [3, 3, 0, 0] },
          })),
        },
      ],
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [counts]);

  return <div ref={ref} className="chart" role="img" aria-label="Bar chart of assets by criticality" data-testid="criticality-chart" />;
}
