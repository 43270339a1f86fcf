import type { CatalogueEntry } from '../../../common/wire/catalogue';
import { field, inquiry, labelsOf, portal, statusOf, validityFields, w } from './build';

const account = w('حساب مفعّل في البوابة', 'An active portal account');
const photo = w('صورة شخصية حديثة بخلفية بيضاء', 'A recent photo on a white background');
const fees = w('سداد الرسوم إلكترونياً', 'The fees, paid online');

/** RULES.md "passports" row: all on the portal. */
export const passportEntries: CatalogueEntry[] = [
  portal('passports', { id: 'passportRenewal', order: 500, icon: 'travel', title: w('إصدار وتجديد جواز السفر', 'Issue or renew a passport'), description: w('جواز سفر جديد أو تجديده مع التوصيل', 'A new or renewed passport, delivered') }, [account, photo, fees]),
  portal('passports', { id: 'familyTravelPermit', order: 505, icon: 'travel', title: w('تصريح سفر لأحد أفراد الأسرة', 'Travel permit for a family member'), description: w('أصدر تصريح سفر لمن تعولهم', 'Issue a travel permit for a dependant') }, [account, w('رقم هوية الفرد', 'The family member’s ID number')]),
  portal('passports', { id: 'iqamaRenewal', order: 510, icon: 'document', title: w('إصدار وتجديد الإقامة', 'Issue or renew an iqama'), description: w('إقامة جديدة أو تجديدها للمكفولين', 'A new or renewed iqama for those you sponsor') }, [account, w('تأمين طبي ساري', 'Valid medical insurance'), fees]),
  portal('passports', { id: 'residentReport', order: 515, icon: 'document', title: w('تقرير مقيم والإقامة المميزة', 'Resident report, premium residency'), description: w('تقرير عن مقيم وخدمات الإقامة المميزة', 'A report on a resident and premium residency services') }, [account]),
  portal('passports', { id: 'exitReentryVisa', order: 520, icon: 'travel', title: w('تأشيرات الخروج والعودة والخروج النهائي', 'Exit/re-entry and final-exit visas'), description: w('أصدر تأشيرة أو ألغها أو مددها', 'Issue, cancel or extend a visa') }, [account, w('جواز سفر ساري', 'A valid passport'), fees]),
  portal('passports', { id: 'visitVisaExtension', order: 525, icon: 'clock', title: w('تمديد تأشيرة الزيارة', 'Extend a visit visa'), description: w('مدد زيارة من دعوتهم', 'Extend the visit of someone you invited') }, [account, w('تأمين طبي للزائر', 'The visitor’s medical insurance'), fees]),
  portal('passports', { id: 'domesticWorkerServices', order: 530, icon: 'user', title: w('خدمات العمالة المنزلية وتفويضها', 'Domestic workers’ services and authorisations'), description: w('نقل الخدمات وتفويض العمالة المنزلية', 'Transfers and authorisations for domestic workers') }, [account]),
  portal('passports', { id: 'investorServices', order: 535, icon: 'document', title: w('خدمات المستثمرين', 'Investors’ services'), description: w('خدمات الجوازات للمستثمرين', 'Passport services for investors') }, [account, w('ترخيص الاستثمار', 'The investment licence')]),
  portal('passports', { id: 'passportAppointments', order: 540, icon: 'clock', title: w('مواعيد الجوازات', 'Passport appointments'), description: w('احجز موعداً في الجوازات', 'Book an appointment at a passport office') }, [account]),
  portal('passports', { id: 'makkahEntryPermit', order: 545, icon: 'document', title: w('تصريح دخول العاصمة المقدسة', 'Entry permit to Makkah'), description: w('تصريح دخول مكة المكرمة للمقيمين', 'A permit for residents to enter Makkah') }, [account, w('سبب الدخول ومستنده', 'The reason to enter and its document')]),
  portal('passports', { id: 'passportDataUpdate', order: 550, icon: 'document', title: w('تحديث بيانات الجواز', 'Update passport data'), description: w('حدّث بيانات جواز سفر المقيم', 'Update a resident’s passport details') }, [account, w('الجواز الجديد', 'The new passport')]),
];

/** RULES.md "civil affairs" rows. */
export const civilEntries: CatalogueEntry[] = [
  inquiry('civilAffairs', { id: 'myData', order: 600, icon: 'user', title: w('بياناتي', 'My data'), description: w('بياناتك كما في السجلات', 'Your details as the registry holds them'), keywords: ['بيانات', 'data', 'profile'] }, 'signedIn', [
    {
      type: 'fields',
      fields: [
        field('name', w('الاسم', 'Name'), 'localized'),
        field('idNumber', w('رقم الهوية / الإقامة', 'ID / iqama number'), 'maskedNumber'),
        field('holder', w('الصفة', 'Holder'), 'status', { statuses: labelsOf({ citizen: w('مواطن', 'Citizen'), resident: w('مقيم', 'Resident') }) }),
        field('nationality', w('الجنسية', 'Nationality'), 'text'),
        field('dateOfBirth', w('تاريخ الميلاد', 'Date of birth'), 'date'),
        field('mobile', w('الجوال', 'Mobile'), 'text'),
      ],
    },
  ]),
  inquiry('civilAffairs', { id: 'nationalIdValidity', order: 610, icon: 'document', title: w('صلاحية الهوية الوطنية', 'National ID validity'), description: w('صلاحية هويتك والأيام المتبقية', 'Your ID card’s validity and the days left'), keywords: ['هوية', 'id card'] }, 'citizen', [
    { type: 'fields', fields: [field('numberLast4', w('رقم الهوية', 'ID number'), 'maskedNumber'), ...validityFields(w('الهوية', 'ID card'))] },
  ]),
  inquiry('civilAffairs', { id: 'personalInfoCheck', order: 620, icon: 'check', title: w('التحقق من المعلومات الشخصية', 'Personal information check'), description: w('هل بيانات التواصل والعنوان مكتملة', 'Whether your contact details and address are complete'), keywords: ['تحقق', 'check'] }, 'signedIn', [
    { type: 'fields', fields: ['mobile', 'email', 'address'].map((key) => field(key, key === 'mobile' ? w('الجوال', 'Mobile') : key === 'email' ? w('البريد الإلكتروني', 'E-mail') : w('العنوان الوطني', 'National address'), 'status', { statuses: statusOf({ registered: [w('مسجل', 'Registered'), 'ok'], missing: [w('غير مسجل', 'Missing'), 'warning'] }) })) },
  ]),
  portal('civilAffairs', { id: 'lostDocumentReplacement', order: 630, icon: 'document', title: w('بدل فاقد للوثائق', 'Replace a lost document'), description: w('اطلب بدل فاقد للهوية أو سجل الأسرة', 'Ask for a replacement ID card or family record') }, [account, w('بلاغ الفقدان', 'The loss report'), fees]),
  portal('civilAffairs', { id: 'lostDocumentReport', order: 635, icon: 'alert', title: w('الإبلاغ عن فقدان الوثائق', 'Report lost documents'), description: w('بلّغ عن فقدان وثيقة', 'Report a lost document') }, [account]),
  portal('civilAffairs', { id: 'familyRecord', order: 640, icon: 'document', title: w('سجل الأسرة', 'Family record'), description: w('إصدار سجل الأسرة ونسخة الأم', 'Issue a family record, the mother’s copy') }, [account, w('وثيقة الزواج', 'The marriage certificate')]),
  portal('civilAffairs', { id: 'birthDeathRegistration', order: 645, icon: 'document', title: w('تسجيل المواليد والوفيات', 'Register a birth or a death'), description: w('سجل مولوداً أو واقعة وفاة', 'Register a birth or a death') }, [account, w('بلاغ المستشفى', 'The hospital’s notification')]),
  portal('civilAffairs', { id: 'martyrService', order: 650, icon: 'emblem', title: w('خدمة شهيد الواجب', 'Martyr-of-duty service'), description: w('خدمات ذوي شهداء الواجب', 'Services for the families of martyrs of duty') }, [account]),
];

/** RULES.md "general" rows. */
export const generalEntries: CatalogueEntry[] = [
  inquiry('general', { id: 'hajjEligibility', order: 700, icon: 'check', title: w('أهلية الحج وتصاريحه', 'Hajj eligibility and permits'), description: w('هل أنت مؤهل للحج هذا العام', 'Whether you can perform Hajj this year'), keywords: ['حج', 'hajj'] }, 'signedIn', [
    { type: 'fields', fields: [field('status', w('الأهلية', 'Eligibility'), 'status', { statuses: statusOf({ eligible: [w('مؤهل', 'Eligible'), 'ok'], notEligible: [w('غير مؤهل', 'Not eligible'), 'problem'] }) }), field('reason', w('السبب', 'Why'), 'localized'), field('lastHajjYear', w('آخر حج', 'Last Hajj'), 'number', { optional: true })] },
  ]),
  inquiry('general', { id: 'travelRestrictions', order: 710, icon: 'travel', title: w('قيود السفر', 'Travel restrictions'), description: w('هل عليك منع من السفر', 'Whether you are barred from travelling'), keywords: ['منع سفر', 'travel ban'] }, 'signedIn', [
    { type: 'table', key: 'restrictions', columns: [field('type', w('القيد', 'Restriction'), 'localized'), field('issuedBy', w('الجهة', 'Issued by'), 'localized'), field('since', w('منذ', 'Since'), 'date')], empty: w('لا توجد عليك قيود سفر.', 'You have no travel restrictions.') },
  ]),
  inquiry('general', { id: 'documentValidity', order: 720, icon: 'document', title: w('صلاحية الإقامة والهوية والوثائق', 'Iqama, ID and document validity'), description: w('الهوية أو الإقامة والجواز والرخصة والاستمارة والتأمين الطبي', 'ID or iqama, passport, licence, vehicle registration and medical insurance'), keywords: ['صلاحية', 'validity', 'expiry', 'انتهاء'] }, 'signedIn', [
    {
      type: 'table',
      key: 'documents',
      columns: [
        field('type', w('الوثيقة', 'Document'), 'status', {
          statuses: labelsOf({
            nationalId: w('الهوية الوطنية', 'National ID'),
            iqama: w('الإقامة', 'Iqama'),
            passport: w('جواز السفر', 'Passport'),
            drivingLicence: w('رخصة القيادة', 'Driving licence'),
            vehicleRegistration: w('استمارة المركبة', 'Vehicle registration'),
            medicalInsurance: w('التأمين الطبي', 'Medical insurance'),
          }),
        }),
        field('numberLast4', w('الرقم', 'Number'), 'maskedNumber'),
        ...validityFields(w('الوثيقة', 'Document')),
      ],
      empty: w('لا توجد وثائق مسجلة لك.', 'No documents are registered for you.'),
    },
  ]),
  portal('general', { id: 'parentsAffairs', order: 730, icon: 'user', title: w('شؤون الوالدين', 'Parents’ affairs'), description: w('خدمات كبار السن من الوالدين', 'Services for elderly parents') }, [account]),
  portal('general', { id: 'recruitmentAppointments', order: 735, icon: 'clock', title: w('مواعيد الاستقدام', 'Recruitment appointments'), description: w('احجز موعداً لخدمات الاستقدام', 'Book an appointment for recruitment services') }, [account]),
  portal('general', { id: 'visas', order: 740, icon: 'travel', title: w('التأشيرات', 'Visas'), description: w('خدمات التأشيرات العامة', 'General visa services') }, [account, w('جواز سفر ساري', 'A valid passport')]),
  portal('general', { id: 'contractAuthentication', order: 745, icon: 'document', title: w('توثيق العقود', 'Contract authentication'), description: w('وثّق عقود العمالة المنزلية', 'Authenticate domestic-worker contracts') }, [account, w('العقد الموقع', 'The signed contract')]),
  portal('general', { id: 'qubool', order: 750, icon: 'check', title: w('قبول', '“Qubool”'), description: w('خدمة قبول للتقديم على البرامج', 'The “Qubool” application service') }, [account]),
];

