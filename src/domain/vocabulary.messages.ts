// The names of the vocabulary's values (vocabulary.ts), zh-CN first and English complete beside it: the one source
// for the screens (src/components/domain-labels.messages.ts builds their catalogue from it) and for the exports the
// server writes (daily CSV and workbook, hand-off list), so one thing is always called the same. Every list is a
// Record over its tuple: a value added without its name in both languages fails the type check.
import type {
  CodeColor,
  CodeColorSource,
  Disposition,
  Flag,
  OriginClass,
  PersonRole,
  PlateKind,
  RiskLevel,
  ScanMethod,
  TestStatus,
  VehicleType,
} from './vocabulary.ts';

export interface VocabularyLabels {
  flag: Readonly<Record<Flag, string>>;
  disposition: Readonly<Record<Disposition, string>>;
  vehicleType: Readonly<Record<VehicleType, string>>;
  codeColor: Readonly<Record<CodeColor, string>>;
  codeColorSource: Readonly<Record<CodeColorSource, string>>;
  plateKind: Readonly<Record<PlateKind, string>>;
  testStatus: Readonly<Record<TestStatus, string>>;
  scan: Readonly<Record<ScanMethod, string>>;
  role: Readonly<Record<PersonRole, string>>;
  origin: Readonly<Record<OriginClass, string>>;
  riskLevel: Readonly<Record<RiskLevel, string>>;
}

const ZH_CN: VocabularyLabels = {
  flag: {
    'red-code': '红码',
    'yellow-code': '黄码',
    'grey-code': '灰码',
    'itinerary-star': '行程卡带星',
    'risk-area': '来自风险地区',
    fever: '体温异常',
    'no-valid-test': '无有效核酸',
    'positive-test': '核酸阳性',
    unvaccinated: '未接种疫苗',
  },
  disposition: {
    release: '放行',
    'push-destination': '登记推送目的地',
    'sample-on-site': '就地采样',
    'turn-back': '劝返',
    hold: '留置观察',
    escort: '点对点转运',
    'fever-clinic': '发热门诊',
    'hand-over': '移交',
  },
  vehicleType: {
    car: '小客车',
    bus: '客车',
    truck: '货车',
    van: '面包车',
    motorcycle: '摩托车',
    other: '其他',
  },
  codeColor: {
    green: '绿码',
    yellow: '黄码',
    red: '红码',
    grey: '灰码',
    unknown: '未知',
  },
  codeColorSource: {
    officer: '民警选择',
    'suggested-confirmed': '识别后确认',
  },
  plateKind: {
    standard: '普通',
    'new-energy': '新能源',
    trailer: '挂车',
    coach: '教练车',
    police: '警车',
    hk: '港牌',
    macau: '澳牌',
    embassy: '使馆',
    consulate: '领馆',
    emergency: '应急',
    unknown: '无牌/外籍',
  },
  testStatus: {
    negative: '阴性',
    positive: '阳性',
    none: '无核酸',
    pending: '待出结果',
  },
  scan: {
    camera: '扫码',
    'id-lookup': '身份证查询',
    none: '无手机',
  },
  role: {
    driver: '驾驶员',
    passenger: '乘客',
  },
  origin: {
    local: '本市',
    'in-province': '省内外市',
    'out-of-province': '省外',
  },
  riskLevel: {
    high: '高风险',
    medium: '中风险',
  },
};

const EN: VocabularyLabels = {
  flag: {
    'red-code': 'Red code',
    'yellow-code': 'Yellow code',
    'grey-code': 'Grey code',
    'itinerary-star': 'Itinerary star',
    'risk-area': 'From a risk area',
    fever: 'Fever',
    'no-valid-test': 'No valid test',
    'positive-test': 'Positive test',
    unvaccinated: 'Unvaccinated',
  },
  disposition: {
    release: 'Release',
    'push-destination': 'Register, push to destination',
    'sample-on-site': 'Sample on site',
    'turn-back': 'Turn back',
    hold: 'Hold',
    escort: 'Escort',
    'fever-clinic': 'Fever clinic',
    'hand-over': 'Hand over',
  },
  vehicleType: {
    car: 'Car',
    bus: 'Bus',
    truck: 'Truck',
    van: 'Van',
    motorcycle: 'Motorcycle',
    other: 'Other',
  },
  codeColor: {
    green: 'Green',
    yellow: 'Yellow',
    red: 'Red',
    grey: 'Grey',
    unknown: 'Unknown',
  },
  codeColorSource: {
    officer: 'Chosen by the officer',
    'suggested-confirmed': 'Suggested, confirmed',
  },
  plateKind: {
    standard: 'Standard',
    'new-energy': 'New energy',
    trailer: 'Trailer',
    coach: 'Driving school',
    police: 'Police',
    hk: 'Hong Kong',
    macau: 'Macau',
    embassy: 'Embassy',
    consulate: 'Consulate',
    emergency: 'Emergency',
    unknown: 'No plate / foreign',
  },
  testStatus: {
    negative: 'Negative',
    positive: 'Positive',
    none: 'No test',
    pending: 'Pending',
  },
  scan: {
    camera: 'Scanned',
    'id-lookup': 'ID lookup',
    none: 'No phone',
  },
  role: {
    driver: 'Driver',
    passenger: 'Passenger',
  },
  origin: {
    local: 'Local',
    'in-province': 'Other city in province',
    'out-of-province': 'Out of province',
  },
  riskLevel: {
    high: 'High risk',
    medium: 'Medium risk',
  },
};

/** By language, as the screens' catalogues are ('zh-CN' first). */
export const VOCABULARY_LABELS: Readonly<{ 'zh-CN': VocabularyLabels; en: VocabularyLabels }> = {
  'zh-CN': ZH_CN,
  en: EN,
};

/** The Chinese names, as the exports for officials and grid workers write them. */
export const LABELS_ZH: VocabularyLabels = ZH_CN;
