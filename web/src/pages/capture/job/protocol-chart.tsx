import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { protocolColour, protocolLabel } from '../capture-labels';

// Registering only what the bar chart needs keeps ECharts small.
use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ProtocolCount {
  readonly protocol: string;
  readonly pdus: number;
}

/** PDUs decoded per industrial protocol, largest on top. */
export function ProtocolChart({ counts }: { readonly counts: readonly ProtocolCount[] }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const chart = init(element, undefined, { renderer: 'canvas' });
    // Category axes draw from the bottom up; reverse so the largest protocol is on top.
    const rows = [...counts].reverse();
    chart.setOption({
      animationDuration: 400,
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f6' } }, axisLabel: { color: '#64748b', fontSize: 11 } },
      yAxis: {
        type: 'category',
        data: rows.map((r) => protocolLabel(r.protocol)),
        axisTick: { show: false },
        axisLine: { lineStyle: { color: '#cbd5e1' } },
        axisLabel: { color: '#475569', fontSize: 12 },
      },
      series: [
        {
          name: 'PDUs',
          type: 'bar',
          barMaxWidth: 26,
          label: { show: true, position: 'right', color: '#334155', fontSize: 11 },
          data: rows.map((r) => ({ value: r.pdus, itemStyle: { color: protocolColour(r.protocol), borderRadius: [0, 3, 3, 0] } })),
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

  const height = Math.max(120, counts.length * 38 + 40);
  return <div ref={ref} className="chart" style={{ height }} role="img" aria-label="Bar chart of PDUs per protocol" data-testid="protocol-chart" />;
}
