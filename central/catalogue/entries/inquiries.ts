import type { CatalogueEntry } from '../../../common/wire/catalogue';
import { field, inquiry, labelsOf, portal, statusOf, VALIDITY, validityFields, w } from './build';

const VISA_STATUS = statusOf({
  issued: [w('صادرة', 'Issued'), 'ok'],
  used: [w('مستخدمة', 'Used'), 'neutral'],
  expired: [w('منتهية', 'Expired'), 'problem'],
  cancelled: [w('ملغاة', 'Cancelled'), 'neutral'],
});
const name = field('name', w('الاسم', 'Name'), 'localized');

/** RULES.md "inquiries" row: looked up at the kiosk once signed in; work visa requests go to the portal. */
export const inquiryEntries: CatalogueEntry[] = [
  inquiry('inquiries', { id: 'visaStatus', order: 300, icon: 'travel', title: w('حالة تأشيرة الخروج والعودة', 'Exit/re-entry visa status'), description: w('تأشيراتك وتأشيرات من تعولهم: النوع والصلاحية والحالة', 'Your visas and your dependants’: type, validity and status'), keywords: ['تأشيرة', 'visa', 'خروج وعودة', 'entry'] }, 'signedIn', [
    {
      type: 'table',
      key: 'visas',
      columns: [
        field('holder', w('صاحب التأشيرة', 'Holder'), 'localized'),
        field('visaNumber', w('رقم التأشيرة', 'Visa number'), 'maskedNumber'),
        field('type', w('النوع', 'Type'), 'status', { statuses: labelsOf({ single: w('مفردة', 'Single'), multiple: w('متعددة', 'Multiple') }) }),
        field('status', w('الحالة', 'Status'), 'status', { statuses: VISA_STATUS }),
        field('leaveBefore', w('المغادرة قبل', 'Leave before'), 'date', { optional: true }),
        field('returnBefore', w('العودة قبل', 'Return before'), 'date', { optional: true }),
        field('durationDays', w('المدة', 'Duration'), 'days'),
      ],
      empty: w('لا توجد تأشيرات خروج وعودة لك أو لمن تعولهم.', 'There are no exit/re-entry visas for you or your dependants.'),
    },
  ]),
  inquiry('inquiries', { id: 'medicalInsurance', order: 310, icon: 'shield', title: w('صلاحية التأمين الطبي', 'Medical insurance validity'), description: w('تأمينك الطبي وتاريخ انتهائه', 'Your medical insurance and when it ends'), keywords: ['تأمين', 'insurance', 'طبي'] }, 'resident', [
    { type: 'table', key: 'policies', columns: [field('insurer', w('شركة التأمين', 'Insurer'), 'text'), field('policyNumber', w('رقم الوثيقة', 'Policy number'), 'maskedNumber'), ...validityFields(w('التأمين', 'Insurance'))], empty: w('لا يوجد تأمين طبي مسجل لك.', 'No medical insurance is registered for you.') },
  ]),
  inquiry('inquiries', { id: 'iqamaExpiry', order: 320, icon: 'document', title: w('تاريخ انتهاء الإقامة', 'Iqama expiry'), description: w('صلاحية إقامتك والأيام المتبقية', 'Your iqama’s validity and the days left'), keywords: ['إقامة', 'iqama'] }, 'resident', [
    { type: 'fields', fields: [field('numberLast4', w('رقم الإقامة', 'Iqama number'), 'maskedNumber'), ...validityFields(w('الإقامة', 'Iqama'))] },
  ]),
  inquiry('inquiries', { id: 'workerArrivals', order: 330, icon: 'travel', title: w('وصول العمالة المنزلية والزوار', 'Arrival of domestic workers and visitors'), description: w('هل وصل من استقدمتهم أو دعوتهم', 'Whether the people you recruited or invited have arrived'), keywords: ['عمالة', 'زيارة', 'arrival', 'visitor', 'worker'] }, 'signedIn', [
    {
      type: 'table',
      key: 'arrivals',
      columns: [
        name,
        field('relation', w('الصفة', 'As'), 'status', { statuses: labelsOf({ domesticWorker: w('عامل منزلي', 'Domestic worker'), visitor: w('زائر', 'Visitor') }) }),
        field('visaNumber', w('رقم التأشيرة', 'Visa number'), 'maskedNumber'),
        field('status', w('الحالة', 'Status'), 'status', { statuses: statusOf({ arrived: [w('وصل', 'Arrived'), 'ok'], notArrived: [w('لم يصل', 'Not arrived yet'), 'warning'] }) }),
        field('arrivedOn', w('تاريخ الوصول', 'Arrived on'), 'date', { optional: true }),
      ],
      empty: w('لا توجد تأشيرات عمالة منزلية أو زيارة باسمك.', 'There are no domestic-worker or visit visas in your name.'),
    },
  ]),
  inquiry('inquiries', { id: 'sponsoredPersons', order: 340, icon: 'user', title: w('المكفولون', 'Sponsored persons'), description: w('من تكفلهم وصلاحية إقاماتهم', 'The people you sponsor and their iqamas’ validity'), keywords: ['مكفول', 'sponsor', 'كفالة'] }, 'signedIn', [
    { type: 'table', key: 'persons', columns: [name, field('iqamaNumber', w('رقم الإقامة', 'Iqama number'), 'maskedNumber'), field('occupation', w('المهنة', 'Occupation'), 'localized'), field('status', w('الإقامة', 'Iqama'), 'status', { statuses: VALIDITY }), field('expiresOn', w('تنتهي في', 'Expires on'), 'date')], empty: w('لا يوجد أشخاص على كفالتك.', 'Nobody is sponsored by you.') },
  ]),
  inquiry('inquiries', { id: 'recruitmentInfo', order: 350, icon: 'document', title: w('معلومات الاستقدام', 'Recruitment information'), description: w('طلبات الاستقدام وحالتها', 'Your recruitment requests and where they stand'), keywords: ['استقدام', 'recruitment'] }, 'signedIn', [
    {
      type: 'table',
      key: 'requests',
      columns: [
        field('requestNumber', w('رقم الطلب', 'Request number'), 'maskedNumber'),
        field('occupation', w('المهنة', 'Occupation'), 'localized'),
        field('status', w('الحالة', 'Status'), 'status', { statuses: statusOf({ underReview: [w('قيد الدراسة', 'Under review'), 'warning'], approved: [w('موافق عليه', 'Approved'), 'ok'], visaIssued: [w('صدرت التأشيرة', 'Visa issued'), 'ok'] }) }),
        field('filedOn', w('تاريخ الطلب', 'Filed on'), 'date'),
      ],
      empty: w('لا توجد طلبات استقدام باسمك.', 'There are no recruitment requests in your name.'),
    },
  ]),
  inquiry('inquiries', { id: 'returningWorkers', order: 360, icon: 'travel', title: w('العمالة العائدة من الخارج', 'Workers returning from abroad'), description: w('من غادر من مكفوليك بتأشيرة خروج وعودة وموعد عودته', 'Who of your sponsored workers is abroad on a re-entry visa, and when they must return'), keywords: ['عودة', 'return', 'abroad'] }, 'signedIn', [
    {
      type: 'table',
      key: 'workers',
      columns: [name, field('leftOn', w('تاريخ المغادرة', 'Left on'), 'date'), field('returnBefore', w('العودة قبل', 'Return before'), 'date'), field('status', w('الحالة', 'Status'), 'status', { statuses: statusOf({ abroad: [w('في الخارج', 'Abroad'), 'neutral'], returned: [w('عاد', 'Returned'), 'ok'], overdue: [w('تأخر عن العودة', 'Overdue'), 'problem'] }) })],
      empty: w('لا يوجد من مكفوليك في الخارج.', 'None of your sponsored workers is abroad.'),
    },
  ]),
  inquiry('inquiries', { id: 'fingerprintRegistered', order: 370, icon: 'touch', title: w('الاستعلام عن تسجيل البصمة', 'Fingerprint registered'), description: w('هل بصماتك مسجلة', 'Whether your fingerprints are registered'), keywords: ['بصمة', 'fingerprint'] }, 'signedIn', [
    { type: 'fields', fields: [field('status', w('البصمة', 'Fingerprint'), 'status', { statuses: statusOf({ registered: [w('مسجلة', 'Registered'), 'ok'], notRegistered: [w('غير مسجلة', 'Not registered'), 'warning'] }) }), field('fingers', w('عدد الأصابع المسجلة', 'Fingers registered'), 'number')] },
  ]),
  portal('inquiries', { id: 'workVisaRequests', order: 380, icon: 'document', title: w('طلبات تأشيرات العمل', 'Work visa requests'), description: w('تقديم طلبات تأشيرات العمل ومتابعتها', 'Apply for work visas and follow them up') }, [w('حساب مفعّل في البوابة', 'An active portal account'), w('سجل تجاري أو رقم المنشأة', 'A commercial registration or establishment number')]),
];
