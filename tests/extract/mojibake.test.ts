import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/extract/mojibake.ts';

/** What a page shows when its UTF-8 bytes are decoded under `codePage`. */
function garble(text: string, codePage: string): string {
  return iconv.decode(Buffer.from(text, 'utf8'), codePage);
}

describe('repairMojibake', () => {
  it('restores an em dash that UTF-8 bytes turned into "β€”" under windows-1253', () => {
    expect(repairMojibake('AI Safety Researchers β€” Gain greater attention')).toBe(
      'AI Safety Researchers — Gain greater attention',
    );
  });

  it('restores windows-1252 mojibake of accents and typographic quotes', () => {
    expect(repairMojibake('cafÃ© naÃ¯ve Ã‰cole')).toBe('café naïve École');
    expect(repairMojibake('donâ€™t')).toBe('don’t');
    expect(repairMojibake('â€œquotedâ€\u009d')).toBe('“quoted”');
    expect(repairMojibake('a â€” b')).toBe('a — b');
  });

  it('undoes double encoding', () => {
    expect(repairMojibake(garble(garble('it’s', 'windows-1252'), 'windows-1252'))).toBe('it’s');
  });

  it.each([
    ['windows-1250', 'Zażółć gęślą jaźń — “cytat”'],
    ['windows-1251', 'Москва — столица России'],
    ['koi8-r', 'Привет, мир'],
    ['windows-1252', 'Ελληνικά κείμενα'],
    ['windows-1254', 'Ağaç, üzüm, şeker'],
    ['windows-1257', 'Ąžuolas ir ėglė'],
    ['macintosh', 'naïve café — “x”'],
  ])('restores UTF-8 text shown under %s', (codePage, text) => {
    const garbled = garble(text, codePage);
    expect(garbled).not.toBe(text);
    expect(repairMojibake(garbled)).toBe(text);
  });

  it('restores a no-break space, a sign or ™ garbled alone, with no other mojibake in the text to vouch for it', () => {
    expect(repairMojibake('AI labs back pause:\u00c2\u00a0experts split')).toBe('AI labs back pause:\u00a0experts split');
    expect(repairMojibake('Claudeâ„¢ maker')).toBe('Claude™ maker');
    expect(repairMojibake('20Â°C, Â£5')).toBe('20°C, £5');
    // a capital before it leaves no case change to count: "Ã" before a sign is the evidence
    expect(repairMojibake('Talks in KÃ¶ln')).toBe('Talks in Köln');
    expect(repairMojibake('FranÃ§ois and SÃ±or')).toBe('François and Sñor');
  });

  it('does not make a combining mark on no letter of double-encoded text, nor a phonetic letter of a legitimate "…"', () => {
    expect(repairMojibake('Ã¢â‚¬Ëœpauseâ€™')).not.toMatch(/^\p{M}/u);
    expect(repairMojibake('Itâ€™s L’ÉTÉ… for AI')).toBe('It’s L’ÉTÉ… for AI');
  });

  it('leaves legitimate Greek, Cyrillic, accented Latin and currency text intact', () => {
    const legit = [
      'Αθήνα',
      'Москва',
      'café',
      'naïve',
      '€5',
      '«НАЗАД»',
      'ΣΉΜΕΡΑ ά’',
      'Straße» «Über»',
      'São Paulo, SÃO PAULO',
      '25 °C ± 2',
      'Señor ¿Qué tal?',
      'Windows™ — “quoted” ‘single’ …',
      'Zürich, Kraków, Ørsted, Þór',
      'LE CHÂTEAU, Ângela, JOÃO, Âmbito',
      'IRMÃ\u00a0E IRMÃO, SÃ O',
      'sagte „Hallo“ und ‚so‘',
    ];
    for (const text of legit) expect(repairMojibake(text)).toBe(text);
  });

  it('restores the minus sign and comparisons that figures in the debate use', () => {
    for (const text of ['training runs ≤ 10^26 FLOP', 'risk ≥ 5%', 'a ≠ b', 'temperature −3 °C']) {
      expect(repairMojibake(garble(text, 'windows-1252'))).toBe(text);
      expect(repairMojibake(text)).toBe(text);
    }
  });

  it('keeps mathematical notation, and restores it from windows-1252 mojibake', () => {
    expect(repairMojibake('the √π factor and ∑x over labs')).toBe('the √π factor and ∑x over labs');
    // "√π" is also Mac Roman for "ù": kept beside windows-1252 mojibake, and restored from it
    expect(repairMojibake('√π and itâ€™s')).toBe('√π and it’s');
    expect(repairMojibake(garble('√π and ∑x', 'windows-1252'))).toBe('√π and ∑x');
    // with clear Mac Roman mojibake in the text, the same characters are read as such
    expect(repairMojibake(garble('café où', 'macintosh'))).toBe('café où');
  });

  it('repairs a word right before markup, not into a combining mark (feed bodies are HTML)', () => {
    expect(repairMojibake('<p>AI labs pause at the cafÃ©</p><i>clichÃ©</i> and seÃ±or<br>')).toBe('<p>AI labs pause at the café</p><i>cliché</i> and señor<br>');
  });

  it('leaves a sign after a word whose other letters are whole, which a code page would read as one letter', () => {
    // `С®` is Ѯ, `С™` љ, `Р®` Ю and `С©` ѩ as UTF-8 read under windows-1251; `Ă®` is î under windows-1250
    for (const text of ['МТС® и СБЕР® растут', 'ЯНДЕКС™ и ТАСС©', 'ÎNVĂȚĂMÂNT ȘI ȚARĂ®', 'ПРЕЗИДЕНТ€ УКРАЇНИ']) expect(repairMojibake(text)).toBe(text);
    // a word mis-decoded whole is still repaired, and so is punctuation garbled beside whole letters
    expect(repairMojibake(garble('Москва', 'windows-1251'))).toBe('Москва');
    expect(repairMojibake(`Москва${garble('’', 'windows-1251')}`)).toBe('Москва’');
    expect(repairMojibake(garble('Köln und Zürich', 'windows-1252'))).toBe('Köln und Zürich');
    // a byte the decoder lost (windows-1251's 0x98, U+FFFD) after a lead does not make the lead a whole letter
    expect(repairMojibake(garble('ИНФОРМАЦИЯ', 'windows-1251'))).toBe('Р\ufffdНФОРМАЦР\ufffdЯ');
  });

  it('repairs mojibake next to legitimate non-ASCII characters without touching them', () => {
    expect(repairMojibake('«cafÃ©» in Αθήνα')).toBe('«café» in Αθήνα');
  });

  it('reads megabytes of Cyrillic and Chinese text without judging each word under every code page', () => {
    const russian = 'Исследователи искусственного интеллекта призвали приостановить обучение мощных систем. '.repeat(60_000);
    const chinese = '人工智能研究实验室呼吁暂停训练比更强大的系统，专家表示这是必要的措施。'.repeat(60_000);
    expect(repairMojibake(russian)).toBe(russian);
    expect(repairMojibake(chinese)).toBe(chinese);
    // still repaired when a mis-decoded word sits among them
    expect(repairMojibake(`${russian.slice(0, 1000)} cafÃ© ${chinese.slice(0, 1000)}`)).toBe(`${russian.slice(0, 1000)} café ${chinese.slice(0, 1000)}`);
    // A bound against a blow-up, not a speed target: well under a second now; over 10 s when every word was judged.
  }, 5_000);
});
