import { describe, expect, it } from 'vitest';
import {
  districtCodeSchema,
  phoneSchema,
  pinflSchema,
  regionCodeSchema,
  regionDistrictSchema,
  sexSchema,
  storedPhoneSchema,
} from './uz.schema';

function reasonOf(result: { success: boolean; error?: { issues: readonly unknown[] } }): unknown {
  const issue = result.error?.issues[0] as { params?: { reason?: unknown } } | undefined;
  return issue?.params?.reason;
}

describe('pinflSchema', () => {
  it('accepts 14 digits, with the separators people type', () => {
    expect(pinflSchema.parse('32505900123459')).toBe('32505900123459');
    expect(pinflSchema.parse('3 250590 012345 9')).toBe('32505900123459');
    expect(pinflSchema.parse('3250590-0123459')).toBe('32505900123459');
  });

  it('accepts a wrong check digit (a warning to confirm, not a schema error)', () => {
    expect(pinflSchema.parse('32505900123458')).toBe('32505900123458');
  });

  it.each(['', '3250590012345', '325059001234590', '3250590012345a', '<b>32505900123459</b>', '3'.repeat(10_000)])(
    'refuses %s',
    (value) => {
      expect(pinflSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe('phoneSchema', () => {
  it('normalizes to +998XXXXXXXXX', () => {
    expect(phoneSchema.parse('90 123 45 67')).toBe('+998901234567');
    expect(phoneSchema.parse('+998 (90) 123-45-67')).toBe('+998901234567');
    expect(storedPhoneSchema.parse(phoneSchema.parse('8 90 1234567'))).toBe('+998901234567');
  });

  it('refuses what is not a phone number, with a reason for the UI', () => {
    const result = phoneSchema.safeParse('12345');
    expect(result.success).toBe(false);
    expect(reasonOf(result)).toBe('phone');
    expect(phoneSchema.safeParse('9'.repeat(10_000)).success).toBe(false);
    expect(storedPhoneSchema.safeParse('901234567').success).toBe(false);
  });
});

describe('SOATO code schemas', () => {
  it('accept codes from the shipped list', () => {
    expect(regionCodeSchema.parse(' 1726 ')).toBe('1726');
    expect(districtCodeSchema.parse('1726262')).toBe('1726262');
    expect(regionDistrictSchema.parse({ regionCode: '1735', districtCode: '1735401' })).toEqual({
      regionCode: '1735',
      districtCode: '1735401',
    });
  });

  it('refuse malformed and unknown codes', () => {
    expect(regionCodeSchema.safeParse('17').success).toBe(false);
    expect(regionCodeSchema.safeParse('1799').success).toBe(false);
    expect(reasonOf(regionCodeSchema.safeParse('1799'))).toBe('unknownRegion');
    expect(districtCodeSchema.safeParse('1726').success).toBe(false);
    expect(reasonOf(districtCodeSchema.safeParse('1726999'))).toBe('unknownDistrict');
  });

  it('refuse a district of another region, on the district field', () => {
    const result = regionDistrictSchema.safeParse({ regionCode: '1727', districtCode: '1726262' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['districtCode']);
    expect(reasonOf(result)).toBe('districtNotInRegion');
  });
});

describe('sexSchema', () => {
  it('knows two values', () => {
    expect(sexSchema.options).toEqual(['male', 'female']);
    expect(sexSchema.safeParse('other').success).toBe(false);
  });
});
