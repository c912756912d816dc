import type { Language } from '@komek/i18n';

/** A text in the six languages. */
export type Words = Record<Language, string>;

/**
 * The facts a report can count by: each names the fact (a column of the facts tables, or a bucket of two of them)
 * and, for a closed list of values, their order and wording. The query builder (query.ts) turns an indicator's
 * dimensions into SQL; nothing else about an indicator is code.
 */
export type DimensionId =
  | 'country'
  | 'status'
  | 'step'
  | 'region'
  | 'organisation'
  | 'identification'
  | 'minor'
  | 'vulnerability'
  | 'receivingBody'
  | 'referralOutcome'
  | 'daysToIdentification'
  | 'daysToReferral'
  | 'deadline';

/** Where an indicator's rows come from: the case facts, or one of the tables of facts beside them. */
export type SourceId = 'cases' | 'vulnerabilities' | 'referrals' | 'deadlines';

/** The day of a case that places it in a period. */
export type PeriodFact = 'opened' | 'identified' | 'referred' | 'referralSent' | 'deadlineDue';

/** One indicator: what it counts (always cases), by what, over which day. Declared as data. */
export interface Indicator {
  id: string;
  source: SourceId;
  rows: DimensionId;
  columns: DimensionId;
  period: PeriodFact;
  /** A case may fall in several rows (vulnerability categories): columns have no totals then. */
  multiResponse?: true;
  /** Rows whose total is under the threshold are shown together as one "other" row (names of bodies). */
  foldSmallRows?: true;
  title: Words;
  /** What is counted and how, for the README, the dashboard and the report. */
  description: Words;
}

export const indicators: readonly Indicator[] = [
  {
    id: 'cases-by-country',
    source: 'cases',
    rows: 'country',
    columns: 'status',
    period: 'opened',
    title: {
      en: 'Cases opened, by country and status',
      ru: 'Открытые дела по странам и статусу',
      kk: 'Ашылған істер елдер мен мәртебе бойынша',
      ky: 'Ачылган иштер өлкөлөр жана абалы боюнча',
      tg: 'Парвандаҳои кушодашуда аз рӯи кишвар ва ҳолат',
      uz: 'Ochilgan ishlar mamlakat va holat boʻyicha',
    },
    description: {
      en: 'Cases opened in the period, by country, open or closed now.',
      ru: 'Дела, открытые за период, по странам; открыты или закрыты сейчас.',
      kk: 'Кезеңде ашылған істер, елдер бойынша; қазір ашық немесе жабық.',
      ky: 'Мезгилде ачылган иштер, өлкөлөр боюнча; азыр ачык же жабык.',
      tg: 'Парвандаҳое, ки дар давра кушода шудаанд, аз рӯи кишвар; ҳоло кушода ё пӯшида.',
      uz: 'Davrda ochilgan ishlar, mamlakatlar boʻyicha; hozir ochiq yoki yopiq.',
    },
  },
  {
    id: 'cases-by-step',
    source: 'cases',
    rows: 'step',
    columns: 'country',
    period: 'opened',
    title: {
      en: 'Cases by SOP step reached',
      ru: 'Дела по достигнутому шагу СОП',
      kk: 'Істер СОП-тың жеткен қадамы бойынша',
      ky: 'Иштер СОПтун жеткен кадамы боюнча',
      tg: 'Парвандаҳо аз рӯи қадами расидаи РСА',
      uz: 'Ishlar SOPning erishilgan qadami boʻyicha',
    },
    description: {
      en: 'Cases opened in the period, by the step of the standard operating procedure of their latest form.',
      ru: 'Дела, открытые за период, по шагу стандартной операционной процедуры их последней формы.',
      kk: 'Кезеңде ашылған істер, соңғы нысанының стандартты операциялық рәсімдегі қадамы бойынша.',
      ky: 'Мезгилде ачылган иштер, акыркы формасынын стандарттык иш-аракет тартибиндеги кадамы боюнча.',
      tg: 'Парвандаҳое, ки дар давра кушода шудаанд, аз рӯи қадами расмиёти стандартии амалиётии шакли охирини онҳо.',
      uz: 'Davrda ochilgan ishlar, oxirgi shaklining standart operatsion tartibdagi qadami boʻyicha.',
    },
  },
  {
    id: 'cases-by-region',
    source: 'cases',
    rows: 'region',
    columns: 'country',
    period: 'opened',
    title: {
      en: 'Cases by region',
      ru: 'Дела по регионам',
      kk: 'Істер өңірлер бойынша',
      ky: 'Иштер аймактар боюнча',
      tg: 'Парвандаҳо аз рӯи минтақа',
      uz: 'Ishlar hududlar boʻyicha',
    },
    description: {
      en: 'Cases opened in the period, by the region of the organisation holding the case.',
      ru: 'Дела, открытые за период, по региону организации, которая ведёт дело.',
      kk: 'Кезеңде ашылған істер, істі жүргізетін ұйымның өңірі бойынша.',
      ky: 'Мезгилде ачылган иштер, ишти жүргүзгөн уюмдун аймагы боюнча.',
      tg: 'Парвандаҳое, ки дар давра кушода шудаанд, аз рӯи минтақаи ташкилоте, ки парвандаро пеш мебарад.',
      uz: 'Davrda ochilgan ishlar, ishni yurituvchi tashkilot hududi boʻyicha.',
    },
  },
  {
    id: 'cases-by-organisation',
    source: 'cases',
    rows: 'organisation',
    columns: 'country',
    period: 'opened',
    title: {
      en: 'Cases by organisation',
      ru: 'Дела по организациям',
      kk: 'Істер ұйымдар бойынша',
      ky: 'Иштер уюмдар боюнча',
      tg: 'Парвандаҳо аз рӯи ташкилот',
      uz: 'Ishlar tashkilotlar boʻyicha',
    },
    description: {
      en: 'Cases opened in the period, by the organisation holding the case.',
      ru: 'Дела, открытые за период, по организации, которая ведёт дело.',
      kk: 'Кезеңде ашылған істер, істі жүргізетін ұйым бойынша.',
      ky: 'Мезгилде ачылган иштер, ишти жүргүзгөн уюм боюнча.',
      tg: 'Парвандаҳое, ки дар давра кушода шудаанд, аз рӯи ташкилоте, ки парвандаро пеш мебарад.',
      uz: 'Davrda ochilgan ishlar, ishni yurituvchi tashkilot boʻyicha.',
    },
  },
  {
    id: 'identification-outcomes',
    source: 'cases',
    rows: 'identification',
    columns: 'country',
    period: 'opened',
    title: {
      en: 'Identification outcomes',
      ru: 'Итоги идентификации',
      kk: 'Сәйкестендіру нәтижелері',
      ky: 'Идентификациянын жыйынтыктары',
      tg: 'Натиҷаҳои муайянсозӣ',
      uz: 'Identifikatsiya natijalari',
    },
    description: {
      en: 'Cases opened in the period, by the decision of their identification questionnaire so far: identified, not identified, refused identification, or no decision yet.',
      ru: 'Дела, открытые за период, по решению их анкеты идентификации на сегодня: идентифицирован, не идентифицирован, отказ от идентификации или решения ещё нет.',
      kk: 'Кезеңде ашылған істер, сәйкестендіру сауалнамасының осы күнгі шешімі бойынша: сәйкестендірілді, сәйкестендірілмеді, сәйкестендіруден бас тартты немесе шешім әлі жоқ.',
      ky: 'Мезгилде ачылган иштер, идентификация анкетасынын азыркы чечими боюнча: идентификацияланды, идентификацияланган жок, идентификациядан баш тартты же чечим азырынча жок.',
      tg: 'Парвандаҳое, ки дар давра кушода шудаанд, аз рӯи қарори саволномаи муайянсозии онҳо то имрӯз: муайян шуд, муайян нашуд, аз муайянсозӣ даст кашид ё ҳанӯз қарор нест.',
      uz: 'Davrda ochilgan ishlar, identifikatsiya soʻrovnomasining hozirgi qarori boʻyicha: identifikatsiya qilindi, qilinmadi, identifikatsiyadan voz kechdi yoki hali qaror yoʻq.',
    },
  },
  {
    id: 'vulnerability-categories',
    source: 'vulnerabilities',
    rows: 'vulnerability',
    columns: 'country',
    period: 'opened',
    multiResponse: true,
    title: {
      en: 'Vulnerability indicators answered yes',
      ru: 'Индикаторы уязвимости с ответом «да»',
      kk: '«Иә» деп жауап берілген осалдық индикаторлары',
      ky: '«Ооба» деп жооп берилген аялуулук индикаторлору',
      tg: 'Нишондиҳандаҳои осебпазирӣ бо ҷавоби «ҳа»',
      uz: '«Ha» deb javob berilgan zaiflik koʻrsatkichlari',
    },
    description: {
      en: 'Cases opened in the period whose latest identification questionnaire answers yes to an indicator group (sections 3–6 of the questionnaire); a case counts in every group it answers yes to, so columns have no totals.',
      ru: 'Дела, открытые за период, в последней анкете идентификации которых на группу индикаторов ответ «да» (разделы 3–6 анкеты); дело учитывается в каждой такой группе, поэтому итогов по столбцам нет.',
      kk: 'Кезеңде ашылған, соңғы сәйкестендіру сауалнамасында индикаторлар тобына «иә» деп жауап берілген істер (сауалнаманың 3–6 бөлімдері); іс әр осындай топта есептеледі, сондықтан бағандар бойынша жиынтық жоқ.',
      ky: 'Мезгилде ачылган, акыркы идентификация анкетасында индикаторлор тобуна «ооба» деп жооп берилген иштер (анкетанын 3–6 бөлүмдөрү); иш ар бир ушундай топто эсептелет, ошондуктан мамычалар боюнча жыйынтык жок.',
      tg: 'Парвандаҳое, ки дар давра кушода шудаанд ва дар саволномаи охирини муайянсозӣ ба гурӯҳи нишондиҳандаҳо «ҳа» ҷавоб додаанд (бахшҳои 3–6); парванда дар ҳар чунин гурӯҳ ҳисоб мешавад, бинобар ин сутунҳо ҷамъ надоранд.',
      uz: 'Davrda ochilgan, oxirgi identifikatsiya soʻrovnomasida koʻrsatkichlar guruhiga «ha» deb javob berilgan ishlar (soʻrovnomaning 3–6 boʻlimlari); ish har bir shunday guruhda hisoblanadi, shuning uchun ustunlar boʻyicha jami yoʻq.',
    },
  },
  {
    id: 'minors',
    source: 'cases',
    rows: 'minor',
    columns: 'country',
    period: 'opened',
    title: {
      en: 'Minors',
      ru: 'Несовершеннолетние',
      kk: 'Кәмелетке толмағандар',
      ky: 'Жашы жете электер',
      tg: 'Ноболиғон',
      uz: 'Voyaga yetmaganlar',
    },
    description: {
      en: 'Cases opened in the period whose forms say the person is a minor (or give a birth date under 18 years before first contact); no birth date is kept.',
      ru: 'Дела, открытые за период, в формах которых указано, что лицо несовершеннолетнее (или дата рождения менее чем за 18 лет до первого обращения); даты рождения не хранятся.',
      kk: 'Кезеңде ашылған, нысандарында адам кәмелетке толмаған деп көрсетілген істер (немесе алғашқы байланыстан 18 жылдан кем бұрынғы туған күн); туған күндер сақталмайды.',
      ky: 'Мезгилде ачылган, формаларында адам жашы жете элек деп көрсөтүлгөн иштер (же биринчи кайрылуудан 18 жылдан аз мурунку туулган күн); туулган күндөр сакталбайт.',
      tg: 'Парвандаҳое, ки дар давра кушода шудаанд ва дар шаклҳояшон шахс ноболиғ қайд шудааст (ё санаи таваллуд камтар аз 18 сол пеш аз муроҷиати аввал); санаи таваллуд нигоҳ дошта намешавад.',
      uz: 'Davrda ochilgan, shakllarida shaxs voyaga yetmagan deb koʻrsatilgan ishlar (yoki birinchi murojaatdan 18 yildan kam oldingi tugʻilgan sana); tugʻilgan sanalar saqlanmaydi.',
    },
  },
  {
    id: 'referrals-by-body',
    source: 'referrals',
    rows: 'receivingBody',
    columns: 'referralOutcome',
    period: 'referralSent',
    foldSmallRows: true,
    title: {
      en: 'Referrals by receiving body and outcome',
      ru: 'Направления по принимающему органу и итогу',
      kk: 'Жолдамалар қабылдаушы орган мен нәтиже бойынша',
      ky: 'Жолдомолор кабыл алуучу орган жана жыйынтык боюнча',
      tg: 'Равонкуниҳо аз рӯи мақоми қабулкунанда ва натиҷа',
      uz: 'Yoʻllanmalar qabul qiluvchi organ va natija boʻyicha',
    },
    description: {
      en: 'Cases referred in the period, by receiving body and the referral’s status now; bodies with fewer than 5 cases are shown together as “other bodies”.',
      ru: 'Дела, направленные за период, по принимающему органу и текущему статусу направления; органы, у которых меньше 5 дел, показаны вместе как «другие органы».',
      kk: 'Кезеңде жолданған істер, қабылдаушы орган мен жолдаманың қазіргі мәртебесі бойынша; 5-тен аз ісі бар органдар «басқа органдар» ретінде бірге көрсетіледі.',
      ky: 'Мезгилде жөнөтүлгөн иштер, кабыл алуучу орган жана жолдомонун азыркы абалы боюнча; 5тен аз иши бар органдар «башка органдар» катары бирге көрсөтүлөт.',
      tg: 'Парвандаҳое, ки дар давра равон карда шудаанд, аз рӯи мақоми қабулкунанда ва ҳолати ҳозираи равонкунӣ; мақомҳое, ки камтар аз 5 парванда доранд, якҷоя ҳамчун «мақомҳои дигар» нишон дода мешаванд.',
      uz: 'Davrda yoʻllangan ishlar, qabul qiluvchi organ va yoʻllanmaning hozirgi holati boʻyicha; 5 tadan kam ishi bor organlar birga «boshqa organlar» sifatida koʻrsatiladi.',
    },
  },
  {
    id: 'time-to-identification',
    source: 'cases',
    rows: 'daysToIdentification',
    columns: 'country',
    period: 'identified',
    title: {
      en: 'Days from first contact to identification decision',
      ru: 'Дни от первого обращения до решения об идентификации',
      kk: 'Алғашқы байланыстан сәйкестендіру шешіміне дейінгі күндер',
      ky: 'Биринчи кайрылуудан идентификация чечимине чейинки күндөр',
      tg: 'Рӯзҳо аз муроҷиати аввал то қарори муайянсозӣ',
      uz: 'Birinchi murojaatdan identifikatsiya qaroriga qadar kunlar',
    },
    description: {
      en: 'Cases with an identification decision in the period, by days from the earliest date of their forms to the decision.',
      ru: 'Дела с решением об идентификации за период, по числу дней от самой ранней даты их форм до решения.',
      kk: 'Кезеңде сәйкестендіру шешімі шыққан істер, нысандардың ең ерте күнінен шешімге дейінгі күндер бойынша.',
      ky: 'Мезгилде идентификация чечими чыккан иштер, формалардын эң эрте күнүнөн чечимге чейинки күндөр боюнча.',
      tg: 'Парвандаҳое, ки дар давра қарори муайянсозӣ гирифтаанд, аз рӯи рӯзҳо аз санаи аз ҳама барвақти шаклҳо то қарор.',
      uz: 'Davrda identifikatsiya qarori chiqqan ishlar, shakllarning eng erta sanasidan qarorgacha kunlar boʻyicha.',
    },
  },
  {
    id: 'time-to-referral',
    source: 'cases',
    rows: 'daysToReferral',
    columns: 'country',
    period: 'referred',
    title: {
      en: 'Days from first contact to first referral',
      ru: 'Дни от первого обращения до первого направления',
      kk: 'Алғашқы байланыстан алғашқы жолдамаға дейінгі күндер',
      ky: 'Биринчи кайрылуудан биринчи жолдомого чейинки күндөр',
      tg: 'Рӯзҳо аз муроҷиати аввал то равонкунии аввал',
      uz: 'Birinchi murojaatdan birinchi yoʻllanmagacha kunlar',
    },
    description: {
      en: 'Cases first referred in the period, by days from the earliest date of their forms to the first referral.',
      ru: 'Дела, впервые направленные за период, по числу дней от самой ранней даты их форм до первого направления.',
      kk: 'Кезеңде алғаш жолданған істер, нысандардың ең ерте күнінен алғашқы жолдамаға дейінгі күндер бойынша.',
      ky: 'Мезгилде биринчи жолу жөнөтүлгөн иштер, формалардын эң эрте күнүнөн биринчи жолдомого чейинки күндөр боюнча.',
      tg: 'Парвандаҳое, ки бори аввал дар давра равон шудаанд, аз рӯи рӯзҳо аз санаи аз ҳама барвақти шаклҳо то равонкунии аввал.',
      uz: 'Davrda birinchi marta yoʻllangan ishlar, shakllarning eng erta sanasidan birinchi yoʻllanmagacha kunlar boʻyicha.',
    },
  },
  {
    id: 'deadlines',
    source: 'deadlines',
    rows: 'deadline',
    columns: 'country',
    period: 'deadlineDue',
    title: {
      en: 'SOP deadlines met and missed',
      ru: 'Сроки СОП: соблюдены и пропущены',
      kk: 'СОП мерзімдері: сақталған және өткізіп алынған',
      ky: 'СОП мөөнөттөрү: сакталган жана өткөрүлүп жиберилген',
      tg: 'Мӯҳлатҳои РСА: риоя шуда ва гузаронида шуда',
      uz: 'SOP muddatlari: bajarilgan va oʻtkazib yuborilgan',
    },
    description: {
      en: 'Cases with a deadline of the SOPs due in the period: every one met, or at least one missed (done late or not done).',
      ru: 'Дела, у которых срок СОП приходится на период: все соблюдены или хотя бы один пропущен (выполнен поздно или не выполнен).',
      kk: 'СОП мерзімі кезеңге келетін істер: барлығы сақталды немесе кемінде біреуі өткізіп алынды (кеш орындалды немесе орындалмады).',
      ky: 'СОП мөөнөтү мезгилге туура келген иштер: баары сакталды же жок дегенде бирөө өткөрүлүп жиберилди (кеч аткарылды же аткарылган жок).',
      tg: 'Парвандаҳое, ки мӯҳлати РСА-и онҳо ба давра рост меояд: ҳама риоя шуданд ё ақаллан яктоаш гузаронида шуд (дер ё иҷро нашуд).',
      uz: 'SOP muddati davrga toʻgʻri keladigan ishlar: hammasi bajarildi yoki kamida bittasi oʻtkazib yuborildi (kech bajarildi yoki bajarilmadi).',
    },
  },
];

export const indicatorById = (id: string) => indicators.find((i) => i.id === id);

/** The words of the closed lists of values; open lists (regions, organisations, bodies) show the value itself. */
export const valueWords: Partial<Record<DimensionId, Record<string, Words>>> = {
  country: {
    kz: { en: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан', ky: 'Казакстан', tg: 'Қазоқистон', uz: 'Qozogʻiston' },
    kg: {
      en: 'Kyrgyz Republic',
      ru: 'Кыргызская Республика',
      kk: 'Қырғыз Республикасы',
      ky: 'Кыргыз Республикасы',
      tg: 'Ҷумҳурии Қирғизистон',
      uz: 'Qirgʻiz Respublikasi',
    },
    tj: { en: 'Tajikistan', ru: 'Таджикистан', kk: 'Тәжікстан', ky: 'Тажикстан', tg: 'Тоҷикистон', uz: 'Tojikiston' },
  },
  status: {
    open: { en: 'Open', ru: 'Открыто', kk: 'Ашық', ky: 'Ачык', tg: 'Кушода', uz: 'Ochiq' },
    closed: { en: 'Closed', ru: 'Закрыто', kk: 'Жабық', ky: 'Жабык', tg: 'Пӯшида', uz: 'Yopiq' },
  },
  identification: {
    identified: {
      en: 'Identified',
      ru: 'Идентифицирован',
      kk: 'Сәйкестендірілді',
      ky: 'Идентификацияланды',
      tg: 'Муайян шуд',
      uz: 'Identifikatsiya qilindi',
    },
    'not-identified': {
      en: 'Not identified',
      ru: 'Не идентифицирован',
      kk: 'Сәйкестендірілмеді',
      ky: 'Идентификацияланган жок',
      tg: 'Муайян нашуд',
      uz: 'Identifikatsiya qilinmadi',
    },
    refused: {
      en: 'Refused identification',
      ru: 'Отказ от идентификации',
      kk: 'Сәйкестендіруден бас тартты',
      ky: 'Идентификациядан баш тартты',
      tg: 'Аз муайянсозӣ даст кашид',
      uz: 'Identifikatsiyadan voz kechdi',
    },
    pending: {
      en: 'No decision yet',
      ru: 'Решения ещё нет',
      kk: 'Шешім әлі жоқ',
      ky: 'Чечим азырынча жок',
      tg: 'Ҳанӯз қарор нест',
      uz: 'Hali qaror yoʻq',
    },
  },
  minor: {
    yes: {
      en: 'Minor',
      ru: 'Несовершеннолетний',
      kk: 'Кәмелетке толмаған',
      ky: 'Жашы жете элек',
      tg: 'Ноболиғ',
      uz: 'Voyaga yetmagan',
    },
    no: {
      en: 'Adult',
      ru: 'Совершеннолетний',
      kk: 'Кәмелетке толған',
      ky: 'Бойго жеткен',
      tg: 'Болиғ',
      uz: 'Voyaga yetgan',
    },
    unknown: {
      en: 'Not stated',
      ru: 'Не указано',
      kk: 'Көрсетілмеген',
      ky: 'Көрсөтүлгөн эмес',
      tg: 'Қайд нашудааст',
      uz: 'Koʻrsatilmagan',
    },
  },
  referralOutcome: {
    sent: { en: 'Sent', ru: 'Отправлено', kk: 'Жіберілді', ky: 'Жөнөтүлдү', tg: 'Фиристода шуд', uz: 'Yuborildi' },
    accepted: {
      en: 'Accepted',
      ru: 'Принято',
      kk: 'Қабылданды',
      ky: 'Кабыл алынды',
      tg: 'Қабул шуд',
      uz: 'Qabul qilindi',
    },
    declined: {
      en: 'Declined',
      ru: 'Отклонено',
      kk: 'Қабылданбады',
      ky: 'Четке кагылды',
      tg: 'Рад шуд',
      uz: 'Rad etildi',
    },
    closed: { en: 'Closed', ru: 'Закрыто', kk: 'Жабылды', ky: 'Жабылды', tg: 'Пӯшида шуд', uz: 'Yopildi' },
  },
  daysToIdentification: days(),
  daysToReferral: days(),
  deadline: {
    met: {
      en: 'All met',
      ru: 'Все соблюдены',
      kk: 'Барлығы сақталды',
      ky: 'Баары сакталды',
      tg: 'Ҳама риоя шуданд',
      uz: 'Hammasi bajarildi',
    },
    missed: {
      en: 'At least one missed',
      ru: 'Хотя бы один пропущен',
      kk: 'Кемінде біреуі өткізіп алынды',
      ky: 'Жок дегенде бирөө өткөрүлдү',
      tg: 'Ақаллан яктоаш гузаронида шуд',
      uz: 'Kamida bittasi oʻtkazib yuborildi',
    },
  },
};

function days(): Record<string, Words> {
  const d = { en: 'days', ru: 'дн.', kk: 'күн', ky: 'күн', tg: 'рӯз', uz: 'kun' } as const;
  const band = (text: string): Words =>
    Object.fromEntries(Object.entries(d).map(([l, w]) => [l, `${text} ${w}`])) as Words;
  return { '0-7': band('0–7'), '8-30': band('8–30'), '31-90': band('31–90'), '91+': band('91+') };
}

/** Words used around the figures: headings, the disclosure rule, the legend. */
export const reportWords = {
  step: { en: 'Step', ru: 'Шаг', kk: 'Қадам', ky: 'Кадам', tg: 'Қадам', uz: 'Qadam' },
  stepNone: {
    en: 'No form yet',
    ru: 'Форм ещё нет',
    kk: 'Нысан әлі жоқ',
    ky: 'Форма азырынча жок',
    tg: 'Ҳанӯз шакл нест',
    uz: 'Hali shakl yoʻq',
  },
  notStated: {
    en: 'Not stated',
    ru: 'Не указано',
    kk: 'Көрсетілмеген',
    ky: 'Көрсөтүлгөн эмес',
    tg: 'Қайд нашудааст',
    uz: 'Koʻrsatilmagan',
  },
  otherBodies: {
    en: 'Other bodies',
    ru: 'Другие органы',
    kk: 'Басқа органдар',
    ky: 'Башка органдар',
    tg: 'Мақомҳои дигар',
    uz: 'Boshqa organlar',
  },
  total: { en: 'Total', ru: 'Всего', kk: 'Барлығы', ky: 'Баары', tg: 'Ҳамагӣ', uz: 'Jami' },
  period: { en: 'Period', ru: 'Период', kk: 'Кезең', ky: 'Мезгил', tg: 'Давра', uz: 'Davr' },
  report: {
    en: 'Migrants in vulnerable situations: figures from the cases',
    ru: 'Мигранты в уязвимом положении: данные по делам',
    kk: 'Осал жағдайдағы мигранттар: істер бойынша деректер',
    ky: 'Аялуу абалдагы мигранттар: иштер боюнча маалыматтар',
    tg: 'Муҳоҷирон дар вазъияти осебпазир: рақамҳо аз парвандаҳо',
    uz: 'Zaif holatdagi migrantlar: ishlar boʻyicha raqamlar',
  },
  rule: {
    en: 'Disclosure control: every figure is a number of cases, rounded to the nearest 5. A figure of 1 to 4 is shown as "<5", and one more figure in the same row or column is withheld ("x") so that it cannot be worked out from the totals. Periods are whole calendar months that have ended. Totals are rounded on their own and may differ from the sum of the rounded figures.',
    ru: 'Защита от раскрытия: каждое число — количество дел, округлённое до ближайших 5. Число от 1 до 4 показано как «<5», и ещё одно число в той же строке или столбце скрыто («x»), чтобы его нельзя было вычислить из итогов. Периоды — целые завершённые календарные месяцы. Итоги округлены отдельно и могут отличаться от суммы округлённых чисел.',
    kk: 'Ашылудан қорғау: әр сан — істер саны, ең жақын 5-ке дейін дөңгелектенген. 1-ден 4-ке дейінгі сан «<5» ретінде көрсетіледі, ал жиынтықтардан есептеп шығаруға болмас үшін сол жолдағы немесе бағандағы тағы бір сан жасырылады («x»). Кезеңдер — аяқталған толық күнтізбелік айлар. Жиынтықтар бөлек дөңгелектенеді және дөңгелектенген сандардың қосындысынан өзгеше болуы мүмкін.',
    ky: 'Ачыкка чыгаруудан коргоо: ар бир сан — иштердин саны, эң жакын 5ке чейин тегеректелген. 1ден 4кө чейинки сан «<5» катары көрсөтүлөт, жана аны жыйынтыктардан эсептеп чыгарууга мүмкүн болбошу үчүн ошол саптагы же мамычадагы дагы бир сан жашырылат («x»). Мезгилдер — аяктаган толук календардык айлар. Жыйынтыктар өзүнчө тегеректелет жана тегеректелген сандардын суммасынан айырмаланышы мүмкүн.',
    tg: 'Ҳифз аз ифшо: ҳар рақам — шумораи парвандаҳо, то 5-и наздиктарин яклухт карда шудааст. Рақами аз 1 то 4 ҳамчун «<5» нишон дода мешавад ва як рақами дигар дар ҳамон сатр ё сутун пинҳон мешавад («x»), то онро аз ҷамъҳо ҳисоб кардан ғайриимкон бошад. Давраҳо — моҳҳои пурраи тақвимии анҷомёфта. Ҷамъҳо алоҳида яклухт карда мешаванд ва метавонанд аз ҷамъи рақамҳои яклухтшуда фарқ кунанд.',
    uz: 'Oshkor boʻlishdan himoya: har bir raqam — ishlar soni, eng yaqin 5 ga yaxlitlangan. 1 dan 4 gacha boʻlgan raqam «<5» deb koʻrsatiladi va uni jamilardan hisoblab chiqarib boʻlmasligi uchun oʻsha satr yoki ustundagi yana bitta raqam yashiriladi («x»). Davrlar — tugagan toʻliq kalendar oylar. Jamilar alohida yaxlitlanadi va yaxlitlangan raqamlar yigʻindisidan farq qilishi mumkin.',
  },
} satisfies Record<string, Words>;
