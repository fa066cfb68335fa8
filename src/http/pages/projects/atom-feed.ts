import { escapeUTF8 } from 'entities';
import { PROCEDURES } from '../../../domain/planning/index.ts';
import { amountHt, placeLabel, STATUS_LABELS, type ProjectListItem } from '../../../domain/projects/index.ts';

/**
 * The Atom 1.0 feed of published projects (RFC 4287), written by hand — no XML builder is installed — with
 * every text escaped (`&`, `<`, `>`, quotes) and the characters XML 1.0 forbids removed. The feed follows
 * the list's filters, so a supplier can subscribe to « CPV 72, Bretagne » and nothing else.
 */

// XML 1.0 allows tab, line feed, carriage return and characters from U+0020 (§2.2, Char).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Text safe inside an XML element or attribute.
 * @param text any text
 * @returns the text with forbidden characters removed and markup characters escaped
 * @example xmlText('R&D <2027>') // 'R&amp;D &lt;2027&gt;'
 */
export function xmlText(text: string): string {
  return escapeUTF8(text.replace(FORBIDDEN, ''));
}

/** Where the feed lives. */
export interface FeedOptions {
  /** public address of the site, no trailing slash */
  baseUrl: string;
  /** the feed's own URL (with its filters) */
  selfUrl: string;
  /** the HTML list it mirrors */
  alternateUrl: string;
  /** the instant the feed was last changed (newest entry), or now for an empty feed */
  updated: Date;
}

function entry(item: ProjectListItem, baseUrl: string): string {
  const { project } = item;
  const url = `${baseUrl}/projets/${project.id}`;
  const facts = [
    PROCEDURES[project.procedure].label,
    `statut : ${STATUS_LABELS[project.status]}`,
    project.estimatedValue === null ? null : `valeur estimée ${amountHt(project.estimatedValue)}`,
    project.place === null ? null : placeLabel(project.place),
    item.lots.length === 0 ? null : `${item.lots.length} lot${item.lots.length > 1 ? 's' : ''}`,
  ].filter((fact) => fact !== null);
  return [
    '  <entry>',
    `    <id>${xmlText(url)}</id>`,
    `    <title>${xmlText(project.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`,
    `    <published>${(project.publishedAt ?? project.createdAt).toISOString()}</published>`,
    `    <updated>${project.updatedAt.toISOString()}</updated>`,
    `    <author><name>${xmlText(item.organisationName)}</name></author>`,
    ...project.cpvCodes.map((cpv) => `    <category scheme="urn:cpv:2008" term="${cpv}"/>`),
    `    <summary type="text">${xmlText(`${facts.join(' · ')}. ${project.need}`)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/**
 * The feed.
 * @param items the projects, newest publication first
 * @param options addresses and update instant
 * @returns the XML document, UTF-8
 */
export function projectsAtomFeed(items: ProjectListItem[], options: FeedOptions): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
    `  <id>${xmlText(options.selfUrl)}</id>`,
    '  <title>Amont – projets d’achat publiés</title>',
    '  <subtitle>Projets des acheteurs publics, publiés en amont de leurs consultations</subtitle>',
    `  <link rel="self" type="application/atom+xml" href="${xmlText(options.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(options.alternateUrl)}"/>`,
    `  <updated>${options.updated.toISOString()}</updated>`,
    '  <author><name>Amont</name></author>',
    '  <generator>Amont</generator>',
    ...items.map((item) => entry(item, options.baseUrl)),
    '</feed>',
    '',
  ].join('\n');
}
