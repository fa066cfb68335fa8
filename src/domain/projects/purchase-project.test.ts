import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/index.ts';
import {
  natureOfCpv,
  nextStatus,
  PROJECT_STATUSES,
  type ProjectStatus,
  type ProjectTransition,
} from './purchase-project.ts';

/** The refusal of a transition, or the new state. */
function attempt(from: ProjectStatus, transition: ProjectTransition): string {
  try {
    return nextStatus(from, transition);
  } catch (error) {
    if (error instanceof DomainError) {
      return `${error.code}: ${error.userMessage}`;
    }
    throw error;
  }
}

describe('project state machine', () => {
  it('moves draft → published → tender launched → awarded', () => {
    expect(nextStatus('draft', 'publish')).toBe('published');
    expect(nextStatus('published', 'launchTender')).toBe('tender_launched');
    expect(nextStatus('tender_launched', 'award')).toBe('awarded');
  });

  it('abandons a project from any state before the award', () => {
    for (const from of ['draft', 'published', 'tender_launched'] as const) {
      expect(nextStatus(from, 'abandon')).toBe('abandoned');
    }
  });

  it('refuses every other transition with a French message naming the state', () => {
    const allowed = new Set([
      'draft publish',
      'published launchTender',
      'tender_launched award',
      'draft abandon',
      'published abandon',
      'tender_launched abandon',
    ]);
    const transitions: ProjectTransition[] = ['publish', 'launchTender', 'award', 'abandon'];
    let refused = 0;
    for (const from of PROJECT_STATUSES) {
      for (const transition of transitions) {
        if (allowed.has(`${from} ${transition}`)) {
          continue;
        }
        expect(attempt(from, transition)).toMatch(/^project\.invalid_transition: /);
        refused += 1;
      }
    }
    expect(refused).toBe(PROJECT_STATUSES.length * transitions.length - allowed.size);
    expect(attempt('awarded', 'abandon')).toBe(
      'project.invalid_transition: Ce projet ne peut plus être abandonné : il est attribué.',
    );
    expect(attempt('draft', 'launchTender')).toBe(
      'project.invalid_transition: Publiez d’abord le projet : la consultation ne se lance que pour un projet publié.',
    );
    expect(attempt('published', 'publish')).toBe(
      'project.invalid_transition: Ce projet ne peut pas être publié : il est déjà publié.',
    );
  });
});

describe('natureOfCpv', () => {
  it('reads works from division 45, services from 50 up, supplies below', () => {
    expect(natureOfCpv('45233140')).toBe('works');
    expect(natureOfCpv('72000000')).toBe('services');
    expect(natureOfCpv('50000000')).toBe('services');
    expect(natureOfCpv('30213000')).toBe('supplies');
    expect(natureOfCpv('48000000')).toBe('supplies');
  });
});
