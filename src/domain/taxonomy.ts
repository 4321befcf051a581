/**
 * Posts (岗位) and parts (篇) of the handbook. Ids are stable: they appear in
 * frontmatter, URLs, stored progress and search filters.
 */
/** Professional lines (专业线): what quality inspections are grouped by in forms, records and the monthly report. */
export const LINES = [
  { id: 'customer', name: '客服' },
  { id: 'security', name: '安防' },
  { id: 'engineering', name: '工程' },
  { id: 'environment', name: '环境' },
] as const;
export type Line = (typeof LINES)[number]['id'];
export const LINE_IDS = LINES.map((l) => l.id) as [Line, ...Line[]];
export const LINE_NAMES = Object.fromEntries(LINES.map((l) => [l.id, l.name])) as Record<Line, string>;

/** A template's (and so a record's) line: one of the inspection lines, or 'survey' for satisfaction surveys. */
export type TemplateLine = Line | 'survey';
export const TEMPLATE_LINE_IDS: [TemplateLine, ...TemplateLine[]] = [...LINE_IDS, 'survey'];

/** A post's line: an inspection line, or 'management' for the project manager (no inspection line of its own). */
export const POST_LINES = [...LINES, { id: 'management', name: '管理' }] as const;

export const POSTS = [
  { id: 'front-desk', name: '客服前台', line: 'customer', blurb: '服务中心前台接待、来电来访、各类手续办理与信息发布' },
  { id: 'area-steward', name: '客服区管', line: 'customer', blurb: '负责责任区域内业户服务、楼层园区巡查与空置房管理' },
  { id: 'security-gate', name: '安防卡口', line: 'security', blurb: '出入口人员、车辆、物品的核查与放行' },
  { id: 'security-patrol', name: '安防巡逻', line: 'security', blurb: '园区定时巡逻、异常发现与突发事件先期处置' },
  { id: 'control-center', name: '监控/消防中心', line: 'security', blurb: '24 小时监控值守、消防报警处置与调度' },
  { id: 'parking', name: '车辆收费', line: 'security', blurb: '车辆进出引导、停车管理与收费' },
  { id: 'home-repair', name: '上门维修', line: 'engineering', blurb: '业户室内报修的上门服务' },
  { id: 'public-repair', name: '公共维修', line: 'engineering', blurb: '公共设施设备的巡检、保养与维修' },
  { id: 'greening', name: '绿化养护', line: 'environment', blurb: '园区绿化的日常养护与环境维护' },
  { id: 'cleaning', name: '清洁保洁', line: 'environment', blurb: '公共区域清洁、垃圾收运与特殊情况保洁' },
  { id: 'project-manager', name: '项目经理', line: 'management', blurb: '项目的整体运营、品质管控与团队管理' },
] as const;

export type PostId = (typeof POSTS)[number]['id'];
export const POST_IDS = POSTS.map((p) => p.id) as [PostId, ...PostId[]];

export const PARTS = [
  { id: 'company', name: '企业与服务理念', blurb: '服务宗旨、基本原则、企业文化与“大客服”体系' },
  { id: 'conduct', name: '行为准则与通用规范', blurb: '仪容仪表、禁止行为、服务忌语与岗位通用规范' },
  { id: 'customer-service', name: '客户服务', blurb: '接待、预约、投诉、沟通回访与各类手续' },
  { id: 'repair', name: '工程维修', blurb: '报修受理、上门维修、公共维修与物料工具' },
  { id: 'security', name: '安全防范', blurb: '出入管理、巡逻监控、车辆管理与应急处置' },
  { id: 'environment', name: '环境服务', blurb: '公共区域保洁、垃圾清运、绿化养护与特殊天气' },
  { id: 'quality', name: '品质监督与考核', blurb: '服务标准、品质检查、投诉分析、满意度与奖惩' },
  { id: 'management', name: '项目管理与培训', blurb: '项目经理指引、管控重点、宣贯与培训考核' },
] as const;

export type PartId = (typeof PARTS)[number]['id'];
export const PART_IDS = PARTS.map((p) => p.id) as [PartId, ...PartId[]];

export function postName(id: PostId): string {
  return POSTS.find((p) => p.id === id)!.name;
}
export function partName(id: PartId): string {
  return PARTS.find((p) => p.id === id)!.name;
}
