import { describe, expect, it } from 'vitest';
import { trimReply } from '../src/mail/index.js';

describe('trimReply', () => {
  it('cuts at a Gmail attribution line and drops the quote', () => {
    const text =
      'Yes, Thursday works.\n\nOn Mon, Dec 2, 2024 at 9:15 AM Anna Schmidt <anna@example.com> wrote:\n> Does Thursday work?\n> Anna';
    expect(trimReply(text)).toBe('Yes, Thursday works.');
  });

  it('recognises an attribution wrapped over two lines', () => {
    const text = 'Done.\n\nOn Mon, 2 Dec 2024 at 09:15, Anna Schmidt <\nanna@example.com> wrote:\n\n> Can you do it?';
    expect(trimReply(text)).toBe('Done.');
  });

  it('recognises German and French attributions', () => {
    expect(trimReply('Passt.\n\nAm Mo., 2. Dez. 2024 um 09:15 Uhr schrieb Anna <anna@example.de>:\n> Passt das?')).toBe(
      'Passt.',
    );
    expect(trimReply("D'accord.\n\nLe lun. 2 déc. 2024 à 09:15, Anne <anne@example.fr> a écrit :\n> Ok ?")).toBe(
      "D'accord.",
    );
  });

  it('keeps inline answers written between quoted lines', () => {
    const text = '> Can you send the deck?\nSent it this morning.\n> And the budget?\nBy Friday.';
    expect(trimReply(text)).toBe('Sent it this morning.\nBy Friday.');
  });

  it('cuts at an Outlook "From: ... Sent:" header block', () => {
    const text =
      'Approved.\n\nFrom: Dana Lee <dana@example.com>\nSent: Tuesday, December 3, 2024 6:02 PM\nTo: Sam\nSubject: Budget\n\nPlease approve.';
    expect(trimReply(text)).toBe('Approved.');
  });

  it('cuts at -----Original Message-----', () => {
    expect(trimReply('See below.\n\n-----Original Message-----\nFrom: x@example.com\nHello')).toBe('See below.');
  });

  it('does not treat a lone "From:" line in the text as a quote header', () => {
    const text = 'From: the finance team, a reminder about expenses.\nThey are due Friday.';
    expect(trimReply(text)).toBe(text);
  });

  it('removes the signature after "-- " and mobile footers', () => {
    expect(trimReply('Great, thanks!\n\n-- \nAnna Schmidt\nCTO, Example GmbH')).toBe('Great, thanks!');
    expect(trimReply('On my way.\n\nSent from my iPhone')).toBe('On my way.');
    expect(trimReply('Ok\n\nGet Outlook for Android')).toBe('Ok');
  });

  it('keeps a double dash that is part of the text', () => {
    expect(trimReply('Numbers -- final ones -- attached.')).toBe('Numbers -- final ones -- attached.');
  });

  it('returns the whole text when nothing new is left (a bare forward)', () => {
    const text =
      '---------- Forwarded message ---------\nFrom: Anna <anna@example.com>\nDate: Mon, 2 Dec 2024\nSubject: Tickets\n\nYour tickets are attached.';
    expect(trimReply(text)).toBe(text);
  });

  it('keeps the note above a forward', () => {
    expect(trimReply('FYI, see the tickets below.\n\nBegin forwarded message:\n\nFrom: Anna')).toBe(
      'FYI, see the tickets below.',
    );
  });

  it('normalises CRLF line endings', () => {
    expect(trimReply('Line one\r\nLine two\r\n\r\n-- \r\nSig')).toBe('Line one\nLine two');
  });
});
