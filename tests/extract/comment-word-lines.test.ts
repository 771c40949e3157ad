import { describe, expect, it } from 'vitest';
import { opensCommentArea } from '../../src/extract/furniture-lines.ts';
import { extractPlainText } from '../../src/extract/plain-text.ts';

/**
 * "Comment" is the comment section's label in English and "how" in French: a line is the label only when the word
 * stands alone (with a count or a colon), never when words follow it.
 */
describe('lines that start with the word "comment"', () => {
  const body = [
    'Si les grands laboratoires acceptaient de ralentir le développement de leurs modèles les plus puissants, encore faudrait-il pouvoir le contrôler.',
    "Comment les inspecteurs pourraient-ils vérifier qu'aucun laboratoire ne poursuit en secret l'entraînement de ses modèles ?",
    'Les spécialistes évoquent plusieurs pistes : déclaration obligatoire des entraînements, inspections sur site et traçabilité des puces.',
  ];

  it('keep a French headline and paragraph that start with it', () => {
    const article = extractPlainText(["Comment vérifier une pause de l'IA ? Le casse-tête des puces", '', ...body.flatMap((p) => [p, ''])].join('\n'));
    expect(article.title).toBe("Comment vérifier une pause de l'IA ? Le casse-tête des puces");
    expect(article.text.split('\n\n')).toEqual(body);
  });

  it('keep a paragraph that starts with the plural, in any language', () => {
    const lead = 'Leading AI labs are discussing a coordinated, verified global pause of frontier AI development, a proposal that echoes the 2023 letter.';
    for (const paragraph of ['Responses to the proposal were mixed: OpenAI declined to comment, while DeepMind said it would study it.', 'Kommentare von Politikern aller Parteien fielen am Dienstag zurückhaltend aus, die Opposition forderte eine Debatte.']) {
      expect(extractPlainText(`Labs weigh a pause\n\n${lead}\n\n${paragraph}\n`).text).toContain(paragraph);
    }
  });

  it('keep an opinion kicker followed by its headline', () => {
    const english = 'The labs are racing, and a verified pause of frontier AI development would give regulators the time they need to act.';
    expect(extractPlainText(`Comment: the AI pause is overdue\n\n${english}\n`).title).toBe('Comment: the AI pause is overdue');
    const german = 'Es ist bemerkenswert, dass ausgerechnet ein KI-Unternehmen nun vorschlägt, die Entwicklung der mächtigsten Systeme gemeinsam anzuhalten.';
    expect(extractPlainText(`Kommentar: Eine überprüfbare KI-Pause ist Vernunft\n\n${german}\n`).title).toBe('Kommentar: Eine überprüfbare KI-Pause ist Vernunft');
  });

  it('still take the bare label, with its count, for the comment area', () => {
    for (const label of ['Comments', 'Comments (12)', 'Comment (3)', 'Kommentare: 4', 'Commentaires', '24 comments', 'Comments powered by Disqus', 'Comments are now closed', 'Kommentare anzeigen', 'Commentaires fermés', 'Commenti chiusi', 'Comentarios cerrados']) {
      expect(opensCommentArea(label), label).toBe(true);
    }
    for (const label of ['Laisser un commentaire', 'Deja un comentario', 'Reacties (12)', 'Comments for this article are closed', 'Comments Off']) expect(opensCommentArea(label), label).toBe(true);
    for (const line of ["Comment vérifier une pause de l'IA ?", 'Comment en est-on arrivé là ?', 'Kommentar: Eine KI-Pause ist Vernunft', 'Commentaire : la pause de l\'IA est un leurre', 'Responses from the labs', 'Comments by the chief executive']) {
      expect(opensCommentArea(line), line).toBe(false);
    }
  });
});
