import { strict as assert } from 'node:assert';
import { findPii, isValidIban, passesLuhn } from '../../../services/textAnalytics/localPii.js';

describe('offline PII detection', () => {
  const found: Array<[string, string, string]> = [
    ['Mail jane.doe@contoso.com today', 'Email', 'jane.doe@contoso.com'],
    ['Card 4111 1111 1111 1111 expires', 'CreditCardNumber', '4111 1111 1111 1111'],
    ['Card 5500-0000-0000-0004 please', 'CreditCardNumber', '5500-0000-0000-0004'],
    ['IBAN DE89 3704 0044 0532 0130 00 for fees', 'IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['GB82WEST12345698765432 is ours', 'IBAN', 'GB82WEST12345698765432'],
    ['The node is at 10.1.2.3 now', 'IPAddress', '10.1.2.3'],
    ['IPv6 2001:db8::8a2e:370:7334 too', 'IPAddress', '2001:db8::8a2e:370:7334'],
    ['Call +44 20 7946 0958 after lunch', 'PhoneNumber', '+44 20 7946 0958'],
    ['Call (425) 555-0100 after lunch', 'PhoneNumber', '(425) 555-0100'],
  ];
  for (const [text, category, value] of found) {
    it(`finds ${category} in "${text}" and masks it`, () => {
      const { entities, redactedText } = findPii(text);
      assert.deepEqual(
        entities.map((entity) => [entity.category, entity.text]),
        [[category, value]],
      );
      assert.equal(redactedText, text.replace(value, '*'.repeat(value.length)));
    });
  }

  const notPii = [
    'Card 4111 1111 1111 1112 fails the Luhn check',
    'IBAN DE89 3704 0044 0532 0130 01 fails mod 97',
    'Version 1.2.3 of the model, run 20240101, epoch 300',
    'The accuracy rose to 0.9314 after 12000 steps',
    'Address 999.1.1.1 is not an IP',
  ];
  for (const text of notPii) {
    it(`finds nothing in "${text}"`, () => {
      assert.deepEqual(findPii(text), { entities: [], redactedText: text });
    });
  }

  it('checks the checksums themselves', () => {
    assert.equal(passesLuhn('4012888888881881'), true);
    assert.equal(passesLuhn('4012888888881882'), false);
    assert.equal(isValidIban('FR1420041010050500013M02606'), true);
    assert.equal(isValidIban('FR1420041010050500013M02607'), false);
  });
});
