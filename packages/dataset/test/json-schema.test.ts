import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { datasetJsonSchema } from '@chronicle/dataset';

// The JSON Schema published in docs/ is generated from the zod schema; an outside tool
// reading it must accept the worked examples and refuse what the format refuses.

const examplesDir = join(import.meta.dirname, '../../../fixtures/examples');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(datasetJsonSchema());
const example = (name: string) => JSON.parse(readFileSync(join(examplesDir, name), 'utf8')).dataset;

describe('the generated JSON Schema', () => {
  it.each(readdirSync(examplesDir).filter((f) => f.endsWith('.json')))('accepts %s', (name) => {
    expect(validate(example(name)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses unknown keys, wrong enums and a missing required field', () => {
    const doc = example('01-clean-99490.json');
    doc.patients[0].colour = 'blue';
    doc.clinicians[0].credential = 'Shaman';
    delete doc.practice.timezone;
    expect(validate(doc)).toBe(false);
    const paths = (validate.errors ?? []).map(
      (e) => e.instancePath || (e.params && JSON.stringify(e.params)),
    );
    expect(paths).toEqual(expect.arrayContaining(['/patients/0', '/clinicians/0/credential']));
  });

  it('is the file published in docs/', () => {
    const published = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../docs/dataset-v1.schema.json'), 'utf8'),
    );
    expect(published).toEqual(datasetJsonSchema());
  });
});
