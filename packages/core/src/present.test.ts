import { describe, expect, it } from 'vitest';
import { presentLabel, presentTitle } from './present.js';

describe('presentLabel', () => {
  it('starts a label printed in lower case with a capital, after any opening punctuation', () => {
    expect(presentLabel('date of issue')).toBe('Date of issue');
    expect(presentLabel('(name of the expert, position, organization)')).toBe(
      '(Name of the expert, position, organization)',
    );
    expect(presentLabel('күні', 'kk')).toBe('Күні');
    expect(presentLabel('ʻuy', 'uz')).toBe('ʻUy');
    expect(presentLabel('1)')).toBe('1)');
  });
});

describe('presentTitle', () => {
  it('writes words printed in capitals for emphasis like the others, in every script', () => {
    expect(presentTitle('NOTIFICATION of consent to receive help and rehabilitation')).toBe(
      'Notification of consent to receive help and rehabilitation',
    );
    expect(presentTitle('УВЕДОМЛЕНИЕ о согласии на получение помощи', 'ru')).toBe(
      'Уведомление о согласии на получение помощи',
    );
    expect(presentTitle('Көмек және оңалту алуға келісім туралы ХАБАРЛАМА', 'kk')).toBe(
      'Көмек және оңалту алуға келісім туралы хабарлама',
    );
  });
  it('keeps abbreviations, titles already in sentence case, and titles with no lower case at all', () => {
    expect(presentTitle('Plan of the IOM for SOP steps')).toBe('Plan of the IOM for SOP steps');
    expect(presentTitle('Notification of refusal to participate in an interview')).toBe(
      'Notification of refusal to participate in an interview',
    );
    expect(presentTitle('NEEDS ASSESSMENT')).toBe('NEEDS ASSESSMENT');
  });
});
