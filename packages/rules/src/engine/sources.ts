// The CMS and contractor sources the rules cite, by key (keys as in spec/ccm-domain.md).
// Tier: P = primary (CMS, a MAC, OIG), S = reputable secondary, V = vendor (flagged).

export interface Source {
  url: string;
  tier: 'P' | 'S' | 'V';
  title: string;
}

export const SOURCES = {
  'CMS-CCM-PAGE': {
    tier: 'P',
    title: 'CMS: Chronic Care Management',
    url: 'https://www.cms.gov/medicare/payment/fee-schedules/physician-fee-schedule/chronic-care-management-complex-conditions',
  },
  'CMS-FAQ-2017': {
    tier: 'P',
    title: 'CMS CCM FAQ (January 2017), verbatim copy',
    url: 'https://remingtonreport.com/intelligence-resources/partnership-development/22-key-facts-about-physician-ccm-billing',
  },
  'CMS-FAQ-LATER': {
    tier: 'P',
    title: 'CMS CCM FAQ including 99491, reproduction',
    url: 'https://www.medicalbillersandcoders.com/articles/revenue-cycle-management/faqs-on-reimbursement-for-chronic-care-management-service.html',
  },
  'CMS-FAQ-2016-SNF': {
    tier: 'P',
    title: 'CMS FAQ (March 2016) on facility residents',
    url: 'https://old.paltc.org/publications/cms-you-can-bill-ccm-non-part-nursing-facility-stays',
  },
  'CMS-FAQ-DOS': {
    tier: 'P',
    title: 'CMS FAQ on service period and date of service',
    url: 'https://newsletter.wchsb.com/article/2018/June/ask-an-expert/can-i-bill-cpt',
  },
  'AAFP-FAQ-2015': {
    tier: 'S',
    title: 'AAFP: more answers about CCM (2015)',
    url: 'https://www.aafp.org/content/brand/aafp/journals/fpm/blogs/gettingpaid/entry/more_answers_to_questions_about.html',
  },
  'AAFP-FAQ-2016': {
    tier: 'S',
    title: 'AAFP: CMS answers questions about CCM (2016)',
    url: 'https://www.aafp.org/fpm/blogs/getting-paid/cms_answers_questions_about_chronic',
  },
  'AAFP-2015-QA': {
    tier: 'S',
    title: 'AAFP: CCM questions (2015)',
    url: 'https://www.aafp.org/journals/fpm/blogs/gettingpaid/entry/chronic_care_management_lots_of.html',
  },
  'AAFP-2020': {
    tier: 'S',
    title: 'AAFP: CCM changes for 2020',
    url: 'https://aafp.org/content/brand/aafp/pubs/fpm/blogs/gettingpaid/entry/ccm_changes_2020.html',
  },
  'AAFP-APCM': {
    tier: 'S',
    title: 'AAFP: Advanced Primary Care Management',
    url: 'https://www.aafp.org/family-physician/practice-and-career/getting-paid/coding/advanced-primary-care-management.html',
  },
  'AMA-CONSENT': {
    tier: 'S',
    title: 'AMA: consent for CCM',
    url: 'https://www.ama-assn.org/practice-management/sustainability/consent-chronic-care-management-required-regularly',
  },
  'NGS-CM': {
    tier: 'P',
    title: 'NGS Medicare: care management',
    url: 'https://www.ngsmedicare.com/web/ngs/care-management?selectedArticleId=3451732',
  },
  'NGS-CERT': {
    tier: 'P',
    title: 'NGS Medicare: CERT findings for CCM',
    url: 'https://ngsmedicare.com/web/ngs/cert-details?selectedArticleId=413010',
  },
  'NOR-QA': {
    tier: 'P',
    title: 'Noridian JE: CCM questions and answers (2017)',
    url: 'https://med.noridianmedicare.com/web/jeb/education/event-materials/ccm-qa',
  },
  'NOR-OPPS': {
    tier: 'P',
    title: 'Noridian JF: CCM services (OPPS)',
    url: 'https://med.noridianmedicare.com/web/jfa/provider-types/opps/chronic-care-management-services',
  },
  'CGS-2015': {
    tier: 'P',
    title: 'CGS Medicare: CCM (2015)',
    url: 'http://cgsmedicare.com/partb/pubs/news/2015/0315/cope28756.html',
  },
  'OIG-2019': {
    tier: 'P',
    title: 'OIG A-07-17-05101 (2019): CCM overpayments',
    url: 'https://oig.hhs.gov/reports/all/2019/medicare-made-hundreds-of-thousands-of-dollars-in-overpayments-for-chronic-care-management-services',
  },
  'OIG-2021': {
    tier: 'P',
    title: 'OIG A-07-19-05122 (2021): continued CCM overpayments',
    url: 'https://oig.hhs.gov/reports/all/2021/medicare-continues-to-make-overpayments-for-chronic-care-management-services-costing-the-program-and-its-beneficiaries-millions-of-dollars',
  },
  'OIG-WP-2026': {
    tier: 'V',
    title: 'OIG Work Plan CCM audit (vendor summary)',
    url: 'https://blog.prevounce.com/oig-adds-ccm-audit-to-work-plan-what-medicares-review-means-for-providers',
  },
  'TEXMED-SCOPE': {
    tier: 'S',
    title: 'Texas Medical Association: CCM scope of service',
    url: 'https://www.texmed.org/Template.aspx?id=35935',
  },
  'TEXMED-PAY': {
    tier: 'S',
    title: 'Texas Medical Association: CCM payment',
    url: 'https://www.texmed.org/Template.aspx?id=35942',
  },
  'TEXMED-CONSENT': {
    tier: 'S',
    title: 'Texas Medical Association: CCM consent',
    url: 'https://www.texmed.org/Template.aspx?id=34736',
  },
  'CH-2017': {
    tier: 'V',
    title: 'CCM face-to-face enrollment visit (cites CMS 2017 changes)',
    url: 'https://care-harmony.com/ccm-face-to-face-enrollment-visit',
  },
  'CH-CONSENT': {
    tier: 'V',
    title: 'CCM consent form (quotes CY2015 final rule)',
    url: 'https://care-harmony.com/ccm-consent-form',
  },
  'CH-G0506': {
    tier: 'V',
    title: 'G0506 care planning',
    url: 'https://care-harmony.com/g0506-chronic-care-management-care-planning',
  },
  SVMIC: {
    tier: 'S',
    title: 'SVMIC: a new coding opportunity (G0506)',
    url: 'https://svmic.com/resources/newsletters/30/new-coding-opportunity',
  },
  INFOCUS: {
    tier: 'V',
    title: 'CCM scope and care plan (paraphrases MLN909188)',
    url: 'http://infocusonline.net/chronic-care-management/',
  },
  'REGENCE-MA': {
    tier: 'S',
    title: 'Regence: CCM for Medicare Advantage',
    url: 'https://www.regence.com/provider/library/policies-guidelines/reimbursement-policy/chronic-care-management-medicare-advantage',
  },
  'REGENCE-2021': {
    tier: 'S',
    title: 'Regence: CCM reimbursement policy (2021)',
    url: 'https://www.regence.com/provider/reimbursement-policy/chronic-care-management-services',
  },
  CODAPEDIA: {
    tier: 'S',
    title: 'Codapedia: CCM coding',
    url: 'https://www.codapedia.com/topicOpen.cfm?id=hfxv1pc58hk53v887zb0b57dd1rv5k5',
  },
  'TRISTATE-G2058': {
    tier: 'V',
    title: 'G2058 in 2020',
    url: 'https://www.tristatehealthdata.com/post/advice-to-a-new-class-of-young-doctors',
  },
  'SARGAS-2020': {
    tier: 'V',
    title: 'CY2020 PFS: PCM and general supervision',
    url: 'https://social.prdistribution.com/2019/11/14/medicare-releases-principal-care-management-codes-for-one-chronic-condition-and-allows-general-supervision-for-certain-ccm-rpm-and-pcm-codesin-its-2020-physician-fee-schedule/',
  },
  'CARAVAN-TCM': {
    tier: 'S',
    title: 'Caravan Health: 2020 PFS and TCM',
    url: 'https://caravanhealth.com/thought-leadership/articles/2020-physician-fee-schedule-tcm/',
  },
  'CHARTSPAN-99491': {
    tier: 'V',
    title: 'CPT 99491',
    url: 'https://www.chartspan.com/cmss-latest-ccm-code-99491-fast-way-doctors-lose-lot-money/',
  },
  'NIXON-2022': {
    tier: 'S',
    title: 'Nixon Law Group: CCM and PCM in the 2022 MPFS',
    url: 'https://nixonlawgroup.com/nlg-blog/2021/11/5/additional-reimbursement-for-chronic-care-management-and-principal-care-management-finalized-in-the-2022-mpfs?format=amp',
  },
  'NIXON-PCM-2020': {
    tier: 'S',
    title: 'Nixon Law Group: PCM under the 2020 MPFS',
    url: 'https://nixongwiltlaw.com/nlg-blog/2019/12/3/principal-care-management-pcm-reimbursement-under-the-2020-medicare-physician-fee-schedule',
  },
  'ICD10MON-PCM': {
    tier: 'S',
    title: 'ICD10monitor: new PCM codes',
    url: 'https://icd10monitor.medlearn.com/new-cpt-codes-for-principal-care-management-services/',
  },
  'AAPC-PCM': {
    tier: 'S',
    title: 'AAPC: requirements for PCM',
    url: 'https://www.aapc.com/blog/85121-requirements-for-reporting-principal-care-management/',
  },
  'CAREVIT-PCM': {
    tier: 'V',
    title: 'PCM G2064/G2065 overview',
    url: 'https://carevitality.com/principal-care-management-pcm-g2065-g2064-overview-faqs/',
  },
  'CODINGINTEL-RHC': {
    tier: 'S',
    title: 'CodingIntel: RHC and FQHC update',
    url: 'https://codingintel.com/rhc-and-fqhc-update',
  },
  'CARELOGIC-G0511': {
    tier: 'V',
    title: 'G0511 practical guide',
    url: 'https://www.care-logichm.com/blog/g0511-practical-guide-rhc-fqhc',
  },
  'PREV-G0511': {
    tier: 'V',
    title: 'What is happening with G0511',
    url: 'https://blog.prevounce.com/whats-happening-with-care-management-code-g0511',
  },
  'RHIHUB-APCM': {
    tier: 'S',
    title: 'RHIhub: Advanced Primary Care Management',
    url: 'https://ruralhealthinfo.org/care-management/advanced-primary-care-management',
  },
  'RHIHUB-CCM': {
    tier: 'S',
    title: 'RHIhub: Chronic Care Management',
    url: 'https://ruralhealthinfo.org/care-management/chronic-care-management',
  },
  EMBLEM: {
    tier: 'S',
    title: 'EmblemHealth: care management services',
    url: 'https://www.emblemhealth.com/providers/claims-corner/coding/care-management-services',
  },
  'MEDPAYIQ-99489': { tier: 'V', title: 'CPT 99489', url: 'https://medpayiq.com/cpt/99489' },
  'IMMED-99489': {
    tier: 'V',
    title: 'CPT 99489',
    url: 'https://immedicaresolutions.com/wiki/99489',
  },
  'PCCM-FAQ': { tier: 'V', title: 'PCCM FAQ', url: 'https://pccm.net/faq/' },
  'HF-2015': {
    tier: 'S',
    title: 'MLN Connects call Q&A (February 2015)',
    url: 'http://healthfusion.com/blog/2015/practice-management/cms-clears-chronic-care-management-confusion-medicare-advantage-part-ii/',
  },
  'FAIRPATH-GUIDE26': {
    tier: 'V',
    title: 'Billing intersection quick guide (2026)',
    url: 'https://www.fairpath.ai/downloads/billing-intersection-quick-guide.html',
  },
  'DIARY-2017': {
    tier: 'V',
    title: 'CCM requirement changes for 2017',
    url: 'https://thediary.com/changes-chronic-care-management-requirements-encourage-adoption-2017-2/',
  },
  'OIG-2019-DH': {
    tier: 'S',
    title: 'DecisionHealth: OIG finds CCM overpayments (2019 report summary)',
    url: 'https://pbn.decisionhealth.com/Blogs/DetailPrint.aspx?id=200835',
  },
  'CERT-2019': {
    tier: 'S',
    title: 'HBE Advisors: OIG identifies CCM overpayments (CERT 2019)',
    url: 'https://www.hbeadvisors.com/2020/02/11/the-oig-identifies-overpayments-for-ccm/',
  },
  'AFFINITY-2020': {
    tier: 'V',
    title: 'CCM program changes for 2020',
    url: 'http://www.affinityexpert.com/chronic-care-management-program.html',
  },
  'CCN-PCM': {
    tier: 'V',
    title: 'CCM and PCM combined',
    url: 'https://ccnhealth.com/articles/comparisons/ccm-pcm-combined',
  },
  'SIGNAL-2025': {
    tier: 'V',
    title: '2025 Medicare CCM code reimbursements (RHC/FQHC)',
    url: 'https://www.signallamphealth.com/2025-medicare-cpt-code-reimbursements-for-chronic-care-management-ccm/',
  },
} as const satisfies Record<string, Source>;

export type SourceKey = keyof typeof SOURCES;

export function sourceUrl(key: SourceKey | `http${string}`): string {
  return key.startsWith('http') ? key : SOURCES[key as SourceKey].url;
}
