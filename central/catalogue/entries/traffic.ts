import type { CatalogueEntry } from '../../../common/wire/catalogue';
import { field, inquiry, portal, statusOf, VALIDITY, validityFields, w } from './build';

const account = w('حساب مفعّل في البوابة', 'An active portal account');

/** Why a violation can or cannot be objected to (RULES.md: unpaid only, once, within 30 days of its issue). */
const OBJECTION_REASONS = {
  allowed: w('يمكن الاعتراض عليها', 'Can be objected to'),
  paid: w('مدفوعة: لا يمكن الاعتراض على مخالفة مدفوعة', 'Paid: a paid violation cannot be objected to'),
  tooLate: w('مضى أكثر من 30 يوماً على إصدارها', 'More than 30 days since it was issued'),
  alreadyObjected: w('اعترضت عليها من قبل', 'You have already objected to it'),
  closed: w('مغلقة', 'Closed'),
};

/** RULES.md "traffic" rows. */
export const trafficEntries: CatalogueEntry[] = [
  inquiry('traffic', { id: 'trafficViolations', order: 400, icon: 'car', title: w('المخالفات المرورية', 'Traffic violations'), description: w('مخالفاتك ومبالغها وحالتها', 'Your violations, their amounts and status'), keywords: ['مخالفة', 'مخالفات', 'violation', 'fine', 'ساهر'] }, 'signedIn', [
    {
      type: 'table',
      key: 'violations',
      columns: [
        field('violationNumber', w('رقم المخالفة', 'Violation number'), 'maskedNumber'),
        field('description', w('المخالفة', 'Violation'), 'localized'),
        field('occurredAt', w('التاريخ', 'Date'), 'date'),
        field('city', w('المكان', 'Place'), 'localized'),
        field('amountSar', w('المبلغ', 'Amount'), 'money'),
        field('status', w('الحالة', 'Status'), 'status', {
          statuses: statusOf({
            unpaid: [w('غير مدفوعة', 'Unpaid'), 'warning'],
            paid: [w('مدفوعة', 'Paid'), 'ok'],
            underObjection: [w('قيد الاعتراض', 'Under objection'), 'neutral'],
            objectionRejected: [w('رُفض الاعتراض', 'Objection rejected'), 'problem'],
            cancelled: [w('ملغاة', 'Cancelled'), 'neutral'],
          }),
        }),
      ],
      empty: w('لا توجد مخالفات مرورية عليك.', 'You have no traffic violations.'),
    },
  ]),
  {
    id: 'violationObjection',
    group: 'traffic',
    order: 410,
    kind: 'form',
    icon: 'document',
    title: w('الاعتراض على المخالفات', 'Object to a violation'),
    description: w('اعترض على مخالفة غير مدفوعة خلال 30 يوماً من إصدارها', 'Object to an unpaid violation within 30 days of its issue'),
    keywords: ['اعتراض', 'objection', 'مخالفة', 'violation'],
    audience: 'signedIn',
    devices: [],
    endpoints: ['runInquiry', 'submitForm'],
    pick: { inquiry: 'trafficViolations', table: 'violations', rowKey: 'violationNumber', eligibleKey: 'objectionAllowed', reasonKey: 'objection', reasons: OBJECTION_REASONS },
    inputs: [
      {
        key: 'reason',
        label: w('سبب الاعتراض', 'Reason for the objection'),
        rule: 'choice',
        options: [
          { value: 'notTheDriver', label: w('لم أكن السائق', 'I was not the driver') },
          { value: 'vehicleSold', label: w('المركبة مباعة', 'The vehicle was sold') },
          { value: 'wrongDetails', label: w('بيانات المخالفة خاطئة', 'The violation’s details are wrong') },
          { value: 'other', label: w('سبب آخر', 'Another reason') },
        ],
      },
      { key: 'details', label: w('التفاصيل', 'Details'), hint: w('اكتب باختصار، حتى 300 حرف', 'In short, up to 300 characters'), rule: 'freeText', length: 300 },
    ],
    confirm: w('سيُرسل اعتراضك على هذه المخالفة. لا يمكن الاعتراض عليها مرة أخرى.', 'Your objection to this violation will be sent. It cannot be objected to again.'),
    result: [
      {
        type: 'fields',
        fields: [
          field('objectionId', w('رقم الاعتراض', 'Objection number'), 'text'),
          field('violationNumber', w('رقم المخالفة', 'Violation number'), 'maskedNumber'),
          field('status', w('الحالة', 'Status'), 'status', { statuses: statusOf({ underObjection: [w('قيد الاعتراض', 'Under objection'), 'ok'] }) }),
        ],
      },
    ],
    receipt: true,
  },
  inquiry('traffic', { id: 'vehicleInsurance', order: 420, icon: 'car', title: w('انتهاء تأمين المركبات', 'Vehicle insurance expiry'), description: w('تأمين مركباتك وتاريخ انتهائه', 'Your vehicles’ insurance and when it ends'), keywords: ['تأمين', 'insurance', 'مركبة', 'vehicle'] }, 'signedIn', [
    { type: 'table', key: 'vehicles', columns: [field('plate', w('اللوحة', 'Plate'), 'text'), field('model', w('المركبة', 'Vehicle'), 'text'), field('insurer', w('شركة التأمين', 'Insurer'), 'text'), ...validityFields(w('التأمين', 'Insurance'))], empty: w('لا توجد مركبات مسجلة باسمك.', 'No vehicle is registered in your name.') },
  ]),
  inquiry('traffic', { id: 'impoundedVehicles', order: 430, icon: 'car', title: w('المركبات المحجوزة', 'Impounded vehicles'), description: w('مركباتك المحجوزة ومكانها', 'Your impounded vehicles and where they are'), keywords: ['حجز', 'impound'] }, 'signedIn', [
    { type: 'table', key: 'vehicles', columns: [field('plate', w('اللوحة', 'Plate'), 'text'), field('impoundedOn', w('تاريخ الحجز', 'Impounded on'), 'date'), field('place', w('المكان', 'Place'), 'localized'), field('reason', w('السبب', 'Reason'), 'localized'), field('feesSar', w('الرسوم', 'Fees'), 'money')], empty: w('لا توجد مركبات محجوزة باسمك.', 'None of your vehicles is impounded.') },
  ]),
  inquiry('traffic', { id: 'drivingLicence', order: 440, icon: 'car', title: w('بيانات رخصة القيادة', 'Driving-licence details'), description: w('رخصتك ونوعها وصلاحيتها', 'Your licence, its type and validity'), keywords: ['رخصة', 'licence', 'license'] }, 'signedIn', [
    { type: 'table', key: 'licences', columns: [field('numberLast4', w('رقم الرخصة', 'Licence number'), 'maskedNumber'), field('licenceType', w('النوع', 'Type'), 'localized'), field('status', w('الحالة', 'Status'), 'status', { statuses: VALIDITY }), field('expiresOn', w('تنتهي في', 'Expires on'), 'date'), field('daysLeft', w('الأيام المتبقية', 'Days left'), 'days')], empty: w('لا توجد رخصة قيادة باسمك.', 'There is no driving licence in your name.') },
  ]),
  portal('traffic', { id: 'renewLicence', order: 450, icon: 'car', title: w('تجديد رخصة القيادة', 'Renew driving licence'), description: w('جدد رخصتك في البوابة', 'Renew your licence on the portal') }, [account, w('فحص طبي ساري', 'A valid medical check'), w('سداد المخالفات والرسوم', 'Violations and fees paid')]),
  portal('traffic', { id: 'vehicleUsers', order: 460, icon: 'user', title: w('إضافة وإلغاء مستخدم مركبة', 'Add or remove a vehicle user'), description: w('أضف سائقاً لمركبتك أو ألغه', 'Add or remove a driver of your vehicle') }, [account, w('رقم هوية المستخدم', 'The user’s ID number'), w('رقم اللوحة', 'The plate number')]),
  portal('traffic', { id: 'vehicleSale', order: 470, icon: 'car', title: w('مبايعة المركبات', 'Vehicle sale'), description: w('بيع مركبتك ونقل ملكيتها', 'Sell your vehicle and transfer its ownership') }, [account, w('تأمين ساري وفحص دوري', 'Valid insurance and periodic inspection'), w('رقم هوية المشتري', 'The buyer’s ID number')]),
  portal('traffic', { id: 'vehicleNegotiation', order: 480, icon: 'car', title: w('خدمات التفاوض على المركبات', 'Vehicle negotiation services'), description: w('عروض البيع والشراء بين الأفراد', 'Offers to sell and buy between individuals') }, [account, w('رقم اللوحة', 'The plate number')]),
  portal('traffic', { id: 'trafficAppointments', order: 490, icon: 'clock', title: w('مواعيد المرور', 'Traffic appointments'), description: w('احجز موعداً في إدارة المرور', 'Book an appointment at a traffic office') }, [account]),
];
