import { formats } from '../../../content/index.js';
import type { Block, Section, TableBlock } from '../../../report/index.js';
import type { GenerateResult } from '../content-service.js';

/**
 * Content gallery: per segment, the pieces written for it in both languages with their engine,
 * template/prompt version and lint result — so a reviewer sees at a glance what would go out, who
 * made it and whether it is compliant.
 */

export function buildContentSection(
  results: readonly { segment: string; result: GenerateResult }[],
): Section {
  const pieces = results.flatMap(({ segment, result }) => result.pieces.map((p) => ({ segment, result, p })));
  const passed = pieces.filter((x) => x.p.lint.passed).length;
  const repaired = pieces.filter((x) => x.p.repairedBy.length > 0).length;
  const engines = [...new Set(pieces.map((x) => x.p.piece.engine))];
  const runs = [...new Set(results.map((r) => r.result.modelRunId))];
  const segments = [...new Set(results.map((r) => r.segment))];
  const notes = [...new Set(results.flatMap((r) => r.result.notes))];
  const gallery = (segment: string): TableBlock => ({
    kind: 'table',
    caption: { en: `Segment ${segment}`, zh: `细分人群 ${segment}` },
    columns: [
      { key: 'format', label: { en: 'Format', zh: '形式' } },
      { key: 'locale', label: { en: 'Lang', zh: '语言' } },
      { key: 'text', label: { en: 'Copy', zh: '文案' } },
      { key: 'lint', label: { en: 'Lint', zh: '合规检查' } },
      { key: 'source', label: { en: 'Engine · template', zh: '引擎 · 模板' } },
    ],
    rows: pieces
      .filter((x) => x.segment === segment)
      .map(({ p }) => ({
        format: formats[p.piece.format].label,
        locale: p.piece.locale,
        text: formats[p.piece.format].fields
          .map((f) => `${f.name}: ${p.piece.fields[f.name] ?? ''}`)
          .join(' | '),
        lint: p.lint.passed
          ? { en: 'pass', zh: '通过' }
          : {
              en: `fail: ${p.lint.findings.map((f) => f.rule).join(', ')}`,
              zh: `未通过：${p.lint.findings.map((f) => f.rule).join('、')}`,
            },
        source: `${p.piece.engine} · ${p.piece.source}`,
      })),
  });
  const blocks: Block[] = [
    {
      kind: 'kpis',
      items: [
        { label: { en: 'Pieces written', zh: '生成文案数' }, value: String(pieces.length) },
        {
          label: { en: 'Pass compliance lint', zh: '通过合规检查' },
          value: pieces.length ? `${((passed / pieces.length) * 100).toFixed(0)}%` : '–',
        },
        { label: { en: 'Repaired before storing', zh: '存储前已修复' }, value: String(repaired) },
        { label: { en: 'Engines', zh: '引擎' }, value: engines.join(', ') || '–' },
      ],
    },
    {
      kind: 'callout',
      tone: 'info',
      text: {
        en: 'All pieces are drafts: approve them with `marketmind content approve ID --reviewer NAME` (approval re-runs the lint). Slots such as {{first_name}} and {{coupon_code}} are filled at send time; no customer data is in the copy.',
        zh: '所有文案均为草稿：使用 `marketmind content approve ID --reviewer 姓名` 审核通过（审核时会重新进行合规检查）。{{first_name}}、{{coupon_code}} 等占位符在发送时填充，文案中不含任何客户个人数据。',
      },
    },
    ...notes.map((n): Block => ({ kind: 'callout', tone: 'warn', text: { en: n, zh: n } })),
    ...segments.map(gallery),
  ];
  return {
    id: 'content',
    title: { en: 'Generated content', zh: '内容生成' },
    summary: {
      en: `${pieces.length} pieces for ${segments.length} segments in Chinese and English, ${passed} passing the compliance lint (advertising-law terms, claims, opt-out, length, PII, brand words).`,
      zh: `为 ${segments.length} 个细分人群生成中英文文案 ${pieces.length} 条，其中 ${passed} 条通过合规检查（广告法极限词、功效宣称、退订、长度、个人信息、品牌禁用词）。`,
    },
    provenance: {
      engine: engines.join(', ') || 'template',
      ...(runs.length === 1 ? { modelRunId: runs[0] as string } : {}),
      note: {
        en: `${runs.length} content runs (model_runs kind content.generate); pieces in generated_content.`,
        zh: `${runs.length} 次内容生成运行（model_runs 类型 content.generate）；文案存于 generated_content。`,
      },
    },
    blocks,
  };
}
