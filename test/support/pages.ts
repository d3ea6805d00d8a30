/**
 * Page objects for the workbench in Chromium: each screen's parts found once, by role and name,
 * so a test reads as the steps an analyst takes rather than as a long list of locators.
 */
import type { TestContext } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openBrowser } from './browser.js';
import { serve } from './serve.js';

export type ScreenName = 'Overview' | 'Import' | 'Users' | 'Search' | 'Report' | 'Hunt';

export class Workbench {
  private constructor(
    readonly page: Page,
    /** Messages the page logged as errors, and uncaught exceptions. */
    readonly errors: string[],
  ) {}

  /** Serves the case and opens it in a fresh Chromium, at the given window size. */
  static async open(t: TestContext, casePath: string, viewport?: { width: number; height: number }): Promise<Workbench> {
    const server = await serve(t, casePath);
    const { page, errors } = await openBrowser(t);
    if (viewport !== undefined) await page.setViewportSize(viewport);
    await page.goto(server.url);
    const bench = new Workbench(page, errors);
    await bench.nav.waitFor();
    return bench;
  }

  get nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Screens' });
  }

  async show(screen: ScreenName): Promise<void> {
    await this.nav.getByRole('button', { name: screen, exact: true }).click();
  }

  async users(): Promise<UsersPage> {
    await this.show('Users');
    const users = new UsersPage(this.page);
    await users.rows.nth(1).waitFor();
    return users;
  }
}

export class UsersPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Users' });
  }

  get rows(): Locator {
    return this.table.getByRole('row');
  }

  row(user: string): Locator {
    return this.rows.filter({ hasText: user });
  }

  async openSequence(user: string): Promise<SequencePage> {
    await this.row(user).getByRole('button', { name: user }).click();
    const sequence = new SequencePage(this.page);
    await sequence.region.waitFor();
    await sequence.detail.waitFor();
    return sequence;
  }
}

export class SequencePage {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'Authentication sequence' });
  }

  get detail(): Locator {
    return this.page.getByRole('region', { name: 'Event detail' });
  }

  /** The form of the one event at the playhead ("Annotate event 123"). */
  get eventForm(): Locator {
    return this.page.getByRole('form', { name: /^Annotate event \d+$/ });
  }

  /** The form for everything picked with X (absent while nothing is picked). */
  get selectionForm(): Locator {
    return this.page.getByRole('form', { name: /^Annotate \d+ events?/ });
  }

  /** "Event 3 of 120": the playhead's place, as the controls state it. */
  async position(): Promise<number> {
    const text = await this.page.locator('.seq-position').innerText();
    const n = /^Event ([\d,]+) of/.exec(text)?.[1];
    if (n === undefined) throw new Error(`no position in "${text}"`);
    return Number(n.replace(/,/g, ''));
  }

  /** Waits until the controls state the playhead at `n`. */
  async waitForPosition(n: number): Promise<void> {
    await this.page.locator('.seq-position').filter({ hasText: new RegExp(`^Event ${n.toLocaleString('en-US')} of`) }).waitFor();
  }
}
