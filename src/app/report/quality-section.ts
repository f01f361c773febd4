import type { Block, Section } from '../../report/index.js';
import type { IngestResult } from '../../store/ingest/index.js';
import type { FindingCode, TableQualityReport } from '../quality/quality-report.js';

const findingLabels: Record<FindingCode, { en: string; zh: string }> = {
  missing_values: { en: 'Missing values', zh: '缺失值' },
  duplicate_ids_in_input: { en: 'Duplicate ids in input', zh: '输入中的重复 ID' },
  invalid_email: { en: 'Invalid email', zh: '无效邮箱' },
  invalid_phone: { en: 'Invalid phone', zh: '无效电话' },
  invalid_currency: { en: 'Invalid currency code', zh: '无效币种代码' },
  future_date: { en: 'Date in the future', zh: '未来日期' },
  impossible_date: { en: 'Impossible date', zh: '不可能的日期' },
  negative_amount: { en: 'Negative amount', zh: '负金额' },
  outlier_amount: { en: 'Outlier amount', zh: '异常金额' },
  orphan_reference: { en: 'Orphan reference', zh: '孤立引用' },
  possible_duplicate_customer: { en: 'Possible duplicate customer', zh: '疑似重复客户' },
  rejected_rows: { en: 'Rejected rows', zh: '被拒绝的行' },
};

/** Labels of the ingest's rejection reasons (codes from src/store/ingest); unknown codes show as they are. */
const reasonLabels: Readonly<Record<string, { en: string; zh: string }>> = {
  missing_required: { en: 'required value missing', zh: '缺少必填值' },
  negative: { en: 'negative', zh: '负值' },
  not_positive: { en: 'not positive', zh: '非正数' },
  out_of_range: { en: 'out of range', zh: '超出范围' },
  invalid_enum: { en: 'value not allowed', zh: '不允许的取值' },
  invalid_type: { en: 'wrong type', zh: '类型错误' },
  invalid_timestamp: { en: 'invalid date/time', zh: '无效的日期时间' },
  invalid_date: { en: 'invalid date', zh: '无效日期' },
  invalid_number: { en: 'not a number', zh: '不是数字' },
  invalid_integer: { en: 'not an integer', zh: '不是整数' },
  invalid_boolean: { en: 'not a yes/no value', zh: '不是是/否值' },
  invalid_json: { en: 'invalid JSON', zh: '无效 JSON' },
  not_an_object: { en: 'not a JSON object', zh: '不是 JSON 对象' },
  wrong_field_count: { en: 'wrong number of fields', zh: '字段数不符' },
  stray_quote: { en: 'misplaced quote', zh: '引号位置错误' },
  unterminated_quote: { en: 'unclosed quote', zh: '引号未闭合' },
  append_only_conflict: { en: 'changes an append-only row', zh: '修改了仅追加表中的行' },
};

function reasonsText(issuesByReason: Readonly<Record<string, number>>): { en: string; zh: string } {
  const entries = Object.entries(issuesByReason);
  const label = (code: string, locale: 'en' | 'zh'): string => reasonLabels[code]?.[locale] ?? code;
  return {
    en: entries.map(([code, n]) => `${label(code, 'en')} ×${n}`).join(', '),
    zh: entries.map(([code, n]) => `${label(code, 'zh')} ×${n}`).join('，'),
  };
}

const severityLabels = {
  error: { en: 'error', zh: '错误' },
  warning: { en: 'warning', zh: '警告' },
  info: { en: 'info', zh: '提示' },
} as const;

/** Import accounting (read = accepted + rejected) and the findings of the quality checks. */
export function buildQualitySection(
  imports: readonly IngestResult[],
  reports: readonly TableQualityReport[],
): Section {
  const blocks: Block[] = [];
  const read = imports.reduce((s, i) => s + i.read, 0);
  const accepted = imports.reduce((s, i) => s + i.accepted, 0);
  const rejected = imports.reduce((s, i) => s + i.rejected, 0);
  if (imports.length > 0) {
    blocks.push({
      kind: 'callout',
      tone: rejected > 0 || accepted + rejected !== read ? 'warn' : 'good',
      text: {
        en: `${read.toLocaleString('en-US')} rows read = ${accepted.toLocaleString('en-US')} accepted + ${rejected.toLocaleString('en-US')} rejected. Every rejected row is in a quarantine file with its row number, column and reason.`,
        zh: `共读取 ${read.toLocaleString('zh-CN')} 行 = 接受 ${accepted.toLocaleString('zh-CN')} 行 + 拒绝 ${rejected.toLocaleString('zh-CN')} 行。每个被拒绝的行都连同行号、列名和原因写入了隔离文件。`,
      },
    });
    blocks.push({
      kind: 'table',
      caption: { en: 'Imports', zh: '导入记录' },
      columns: [
        { key: 'table', label: { en: 'Table', zh: '表' } },
        { key: 'files', label: { en: 'Files', zh: '文件' } },
        { key: 'encoding', label: { en: 'Encoding', zh: '编码' } },
        { key: 'read', label: { en: 'Read', zh: '读取' }, format: 'int' },
        { key: 'accepted', label: { en: 'Accepted', zh: '接受' }, format: 'int' },
        { key: 'rejected', label: { en: 'Rejected', zh: '拒绝' }, format: 'int' },
        { key: 'reasons', label: { en: 'Reasons', zh: '原因' } },
      ],
      rows: imports.map((i) => ({
        table: i.table,
        files: i.files.map((f) => f.path.split(/[\\/]/).pop() ?? f.path).join(', '),
        encoding: [...new Set(i.files.map((f) => f.encoding))].join(', '),
        read: i.read,
        accepted: i.accepted,
        rejected: i.rejected,
        reasons: reasonsText(i.issuesByReason),
      })),
    });
  }
  const rows = reports.flatMap((r) =>
    r.findings.map((f) => ({
      table: r.table,
      finding: findingLabels[f.code],
      column: f.column ?? '',
      rows: f.count,
      rate: f.rate,
      severity: severityLabels[f.severity],
      examples: f.exampleIds.slice(0, 3).join(' '),
    })),
  );
  const serious = rows.filter((r) => r.severity !== severityLabels.info).length;
  blocks.push({
    kind: 'table',
    caption: { en: 'Findings per table and column', zh: '各表各列的数据质量问题' },
    columns: [
      { key: 'table', label: { en: 'Table', zh: '表' } },
      { key: 'finding', label: { en: 'Finding', zh: '问题' } },
      { key: 'column', label: { en: 'Column', zh: '列' } },
      { key: 'rows', label: { en: 'Rows', zh: '行数' }, format: 'int' },
      { key: 'rate', label: { en: 'Share', zh: '占比' }, format: 'percent' },
      { key: 'severity', label: { en: 'Severity', zh: '严重程度' } },
      { key: 'examples', label: { en: 'Example ids', zh: '示例 ID' } },
    ],
    rows,
    maxRows: 40,
  });
  const byTable = reports.filter((r) => r.findings.length > 0);
  if (byTable.length > 0) {
    const codes = [...new Set(byTable.flatMap((r) => r.findings.map((f) => f.code)))];
    blocks.push({
      kind: 'chart',
      caption: { en: 'Rows affected by each kind of finding', zh: '各类问题影响的行数' },
      chart: {
        type: 'stacked-bar',
        horizontal: true,
        categories: byTable.map((r) => r.table),
        series: codes.map((code) => ({
          name: findingLabels[code],
          values: byTable.map((r) =>
            r.findings.filter((f) => f.code === code).reduce((s, f) => s + f.count, 0),
          ),
        })),
        valueFormat: 'int',
      },
    });
  }
  return {
    id: 'data-quality',
    title: { en: 'Data quality', zh: '数据质量' },
    summary: {
      en: `${serious} findings need attention; informational ones (e.g. optional fields left empty) are listed too.`,
      zh: `${serious} 项问题需要关注；提示类问题（如可选字段为空）也一并列出。`,
    },
    provenance: {
      engine: 'classic',
      ...(reports[0]?.modelRunId ? { modelRunId: reports[0].modelRunId } : {}),
      note: {
        en: reports[0]?.method ?? 'No tables checked.',
        zh: '各列 SQL 画像；邮箱与币种按格式校验；电话号码用 libphonenumber-js 校验；日期范围检查；金额异常值采用修正 z 分数 > 3.5（Iglewicz & Hoaglin 1993）；孤立引用通过反连接检测。',
      },
    },
    blocks,
  };
}
