import { describe, expect, it } from 'vitest';
import { reportedContent } from '../../src/summaries/reported-content.js';

describe('reportedContent', () => {
  it('keeps what follows the verb when the speaker opens the line', () => {
    expect(
      reportedContent('Harbour master Ilse Varnum said on Monday the Kelby ferry would stop running until spring.'),
    ).toBe(' on Monday the Kelby ferry would stop running until spring.');
    expect(
      reportedContent('In a statement, port spokeswoman Dana Orrel said that the ferry would stop running in March.'),
    ).toBe(' that the ferry would stop running in March.');
  });

  it('keeps only the reported clause, not one the reporter adds to it', () => {
    expect(
      reportedContent(
        'The mayor said Tuesday the Kelby ferry would resume in April, as islanders count the cost of the winter.',
      ),
    ).toBe(' Tuesday the Kelby ferry would resume in April');
  });

  it('keeps what comes before the speaker when the attribution closes the line', () => {
    expect(
      reportedContent('The Kelby ferry will stop running until spring, harbour master Ilse Varnum said on Monday.'),
    ).toBe('The Kelby ferry will stop running until spring');
    expect(reportedContent('“We cannot run the ferry through the winter storms,” she said.')).toBe(
      '“We cannot run the ferry through the winter storms',
    );
  });

  it('finds nothing in a line no speech verb attributes', () => {
    expect(reportedContent('The Kelby ferry stopped running on Monday after a storm damaged its ramp.')).toBeNull();
  });

  it("keeps what follows the verb when an opening phrase or the speaker's title comes before a comma", () => {
    expect(
      reportedContent('Speaking to reporters on Monday, the spokeswoman said the ferry would stop running in May.'),
    ).toBe(' the ferry would stop running in May.');
    expect(reportedContent("Lena Voss, the harbour's deputy director, said the ferry would stop running in May.")).toBe(
      ' the ferry would stop running in May.',
    );
    expect(
      reportedContent('“The ferry will stop running in May,” she said on Monday in a statement to reporters.'),
    ).toBe('“The ferry will stop running in May');
  });
});
