/**
 * The matcher in use: the bundled one, or the one the background compiled with
 * the concept packs switched on (lib/background/packs.ts), handed to content
 * scripts through extension storage so a change reaches open pages without a
 * reload, and compiled once per change rather than on every page.
 */
import { storage } from 'wxt/utils/storage';
import { compiledMatcher } from 'virtual:alliance-matcher';
import type { CompiledMatcher } from './compile';
import { unpackMatcher, type PackedMatcher } from './pack';

export interface InstalledMatcher {
  /** Names the packs it was compiled with (ids, versions, switches) and the build: unchanged, nothing is compiled again. */
  signature: string;
  /** Null while no pack is switched on: the bundled matcher is used. */
  matcher: PackedMatcher | null;
}

export const installedMatcherItem = storage.defineItem<InstalledMatcher | null>('local:installedMatcher', { fallback: null });

const matcherOf = (installed: InstalledMatcher | null): CompiledMatcher =>
  installed?.matcher ? unpackMatcher(installed.matcher) : compiledMatcher;

/** The bundled matcher merged with the packs switched on. */
export const currentMatcher = async (): Promise<CompiledMatcher> => matcherOf(await installedMatcherItem.getValue());

/** Calls `listener` with the new matcher whenever the packs change; returns the unsubscribe function. */
export const watchMatcher = (listener: (matcher: CompiledMatcher) => void): (() => void) =>
  installedMatcherItem.watch((next) => listener(matcherOf(next)));
