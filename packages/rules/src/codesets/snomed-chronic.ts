// A curated list of common SNOMED CT concepts for chronic conditions, maintained by
// Chronicle (not a CMS list): EHR problem lists (and Synthea test patients) often carry
// SNOMED rather than ICD-10-CM. Each maps to its CCW category where one applies.
// The value is the CCW category, or null for a chronic condition outside the CCW (its
// ICD-10-CM counterpart is flagged chronic by the AHRQ CCI). Prediabetes (15777000) is
// left out on purpose: the CCI does not flag R73.03, and SNOMED should not count more.
// Blind spot: a chronic SNOMED concept not listed here is not recognised; the dataset's
// `chronic` flag overrides. Curated by Chronicle, version 2 (see CODESET_VERSIONS).

export const SNOMED_CHRONIC: Readonly<Record<string, string | null>> = {
  '38341003': 'hypertension', // hypertensive disorder
  '59621000': 'hypertension', // essential hypertension
  '73211009': 'diabetes', // diabetes mellitus
  '44054006': 'diabetes', // type 2
  '46635009': 'diabetes', // type 1
  '127013003': 'diabetes', // disorder of kidney due to diabetes mellitus
  '53741008': 'ischemic_heart_dis', // coronary arteriosclerosis
  '414545008': 'ischemic_heart_dis', // ischemic heart disease
  '84114007': 'heart_failure',
  '88805009': 'heart_failure', // chronic congestive heart failure
  '49436004': 'atrial_fib',
  '13645005': 'copd', // chronic obstructive lung disease
  '185086009': 'copd', // chronic obstructive bronchitis
  '87433001': 'copd', // pulmonary emphysema
  '195967001': 'asthma',
  '233678006': 'asthma', // childhood asthma
  '709044004': 'chr_kidney_dis',
  '431855005': 'chr_kidney_dis', // stage 1
  '431856006': 'chr_kidney_dis', // stage 2
  '433144002': 'chr_kidney_dis', // stage 3
  '431857002': 'chr_kidney_dis', // stage 4
  '433146000': 'chr_kidney_dis', // stage 5
  '700378005': 'chr_kidney_dis', // stage 3A
  '700379002': 'chr_kidney_dis', // stage 3B
  '46177005': 'chr_kidney_dis', // end-stage renal disease
  '55822004': 'hyperlipid',
  '267432004': 'hyperlipid', // pure hypercholesterolemia
  '26929004': 'alzheimer',
  '52448006': 'non_alzheimer_dementia',
  '35489007': 'depression',
  '370143000': 'depression', // major depressive disorder
  '36923009': 'depression', // major depression, single episode
  '64859006': 'osteoporosis',
  '396275006': 'arthritis', // osteoarthritis
  '239872002': 'arthritis', // osteoarthritis of hip
  '239873007': 'arthritis', // osteoarthritis of knee
  '69896004': 'arthritis', // rheumatoid arthritis
  '230690007': 'stroke', // cerebrovascular accident
  '49049000': 'parkinsons',
  '40930008': 'hypothyroid',
  '23986001': 'glaucoma',
  '266569009': 'bph',
  '254837009': 'cancer_breast',
  '363406005': 'cancer_colorectal',
  '254637007': 'cancer_lung', // non-small cell lung cancer
  '399068003': 'cancer_prostate',
  '271737000': 'anemia',
  '162864005': null, // obesity (BMI 30+)
  '414916001': null, // obesity
  '78275009': null, // obstructive sleep apnea
  '90560007': null, // gout
  '82423001': null, // chronic pain
  '86406008': null, // HIV infection
  '235595009': null, // gastro-oesophageal reflux disease
  '84757009': null, // epilepsy
};
