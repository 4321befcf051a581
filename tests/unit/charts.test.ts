import { describe, expect, it } from 'vitest';
import { barChart, escapeXml, lineChart } from '../../src/domain/charts';

describe('charts', () => {
  it('escapes text', () => expect(escapeXml('<b>"A&B"</b>')).toBe('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;'));
  it('draws a bar per value, scaled, red below the pass line', () => {
    const svg = barChart(
      '各专业线平均分',
      [
        { label: '客服', value: 1000 },
        { label: '安防', value: 700 },
        { label: '<工程>', value: null },
      ],
      1000,
      800,
    );
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('width="350"'); // full bar is 350 wide
    expect(svg).toContain('width="245"'); // 70 %
    expect(svg).toContain('fill="#b42318"');
    expect(svg).toContain('&lt;工程&gt;');
    expect(svg).toContain('100.0');
  });
  it('draws a trend with gaps for empty months', () => {
    const svg = lineChart('近六个月平均分', [
      { label: '6月', value: 800 },
      { label: '7月', value: null },
      { label: '8月', value: 900 },
    ]);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect((svg.match(/d="([^"]*)"/)![1]!.match(/M/g) ?? []).length).toBe(2); // the gap restarts the line
  });
});
