import { describe, expect, it } from 'vitest';
import { foldHouseStyle } from '../../src/dedup/house-style.ts';

describe('British and American spellings', () => {
  it('fold to one form, with their endings', () => {
    const pairs = [
      ['centre', 'center'], ['centres', 'centers'], ['centred', 'centered'], ['theatre', 'theater'],
      ['organise', 'organize'], ['organisation', 'organization'], ['realised', 'realized'], ['analysed', 'analyzed'],
      ['travelled', 'traveled'], ['cancelling', 'canceling'], ['modeller', 'modeler'],
      ['favourite', 'favorite'], ['labour', 'labor'], ['behaviours', 'behaviors'], ['honourable', 'honorable'],
      ['programme', 'program'], ['defence', 'defense'], ['licence', 'license'], ['judgement', 'judgment'], ['sceptical', 'skeptical'],
    ];
    for (const [british, american] of pairs) expect([british, foldHouseStyle([british!])]).toEqual([british, foldHouseStyle([american!])]);
  });

  it('leave "per cent" and "percent" out, as "%" is, and other words as they are', () => {
    expect(foldHouseStyle('58 per cent of 26 percent and 16 of them'.split(' '))).toEqual(['58', 'of', '26', 'and', '16', 'of', 'them']);
    expect(foldHouseStyle(['per', 'capita', 'size', 'pause', 'frontier', 'labs'])).toEqual(['per', 'capita', 'size', 'pause', 'frontier', 'labs']);
  });
});
