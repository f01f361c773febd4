import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { aggregateBottom, buildGroupedHierarchy, buildHierarchy, summingMatrix } from './hierarchy.js';

const bottomKeys = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'];
const nodeKeys = ['total', 'A', 'B', ...bottomKeys];

function smallHierarchy() {
  return buildHierarchy(bottomKeys.map((key) => ({ key, path: [key.slice(0, 1)] })));
}

describe('buildHierarchy', () => {
  it('orders the total, the aggregate levels and the bottom series, and builds S', () => {
    const h = smallHierarchy();
    expect(h.nodes.map((n) => n.key)).toEqual(nodeKeys);
    expect(h.nodes.map((n) => n.parent)).toEqual([-1, 0, 0, 1, 1, 1, 2, 2, 2]);
    expect(h.nodes.map((n) => n.level)).toEqual([
      'total',
      'level1',
      'level1',
      ...bottomKeys.map(() => 'bottom'),
    ]);
    const s = summingMatrix(h);
    expect([s.rows, s.columns]).toEqual([9, 6]);
    expect(Array.from(s.values.subarray(0, 18))).toEqual([
      1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1,
    ]);
    expect(Array.from(s.values.subarray(18, 24))).toEqual([1, 0, 0, 0, 0, 0]);
  });

  it('handles deeper and uneven paths and rejects key collisions', () => {
    const h = buildHierarchy(
      [
        { key: 'p1', path: ['electronics', 'phones'] },
        { key: 'p2', path: ['electronics', 'phones'] },
        { key: 'tv', path: ['electronics'] },
        { key: 'sofa', path: ['home', 'living'] },
      ],
      { levelNames: ['category', 'subcategory'], bottomLevelName: 'sku' },
    );
    expect(h.nodes.map((n) => `${n.key}:${n.level}`)).toEqual([
      'total:total',
      'electronics:category',
      'home:category',
      'electronics/phones:subcategory',
      'home/living:subcategory',
      'p1:sku',
      'p2:sku',
      'tv:sku',
      'sofa:sku',
    ]);
    expect(h.nodes[7]?.parent).toBe(1);
    expect(() => buildHierarchy([{ key: 'total', path: ['x'] }])).toThrow(InputError);
    expect(() => buildHierarchy([])).toThrow(/at least one/);
    expect(() => buildHierarchy([{ key: 'a', path: [''] }])).toThrow(/empty path part/);
  });

  it('sums bottom series through S (doc example)', () => {
    const h = buildHierarchy([
      { key: 'a1', path: ['a'] },
      { key: 'a2', path: ['a'] },
      { key: 'b1', path: ['b'] },
    ]);
    expect(h.nodes.map((n) => n.key)).toEqual(['total', 'a', 'b', 'a1', 'a2', 'b1']);
    expect(aggregateBottom(h, [[3], [2], [3]])).toEqual([[8], [5], [3], [3], [2], [3]]);
  });

  it('builds a grouped channel × category structure whose S sums correctly', () => {
    const series = [
      { key: 'web-shoes', attributes: { channel: 'web', category: 'shoes' } },
      { key: 'web-bags', attributes: { channel: 'web', category: 'bags' } },
      { key: 'store-shoes', attributes: { channel: 'store', category: 'shoes' } },
      { key: 'store-bags', attributes: { channel: 'store', category: 'bags' } },
    ];
    const h = buildGroupedHierarchy(series, { groupings: [['channel'], ['category']] });
    expect(h.nodes.map((n) => n.key)).toEqual([
      'total',
      'channel=web',
      'channel=store',
      'category=shoes',
      'category=bags',
      ...series.map((s) => s.key),
    ]);
    const all = aggregateBottom(h, [[1], [2], [3], [4]]);
    expect(all.map((r) => r[0])).toEqual([10, 3, 7, 4, 6, 1, 2, 3, 4]);
    expect(() => buildGroupedHierarchy(series, { groupings: [['region']] })).toThrow(
      /no value for attribute 'region'/,
    );
  });
});
