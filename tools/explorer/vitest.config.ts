import { defineProject, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared';

/**
 * The explorer's tests run after every other project's (group 1), one file at a time: the browser
 * test asserts that no main-thread task of the page reaches 200 ms, which a test file running
 * beside it on the same cores could break.
 */
export default mergeConfig(
  shared,
  defineProject({ test: { name: 'explorer', sequence: { groupOrder: 1 }, maxWorkers: 1 } }),
);
