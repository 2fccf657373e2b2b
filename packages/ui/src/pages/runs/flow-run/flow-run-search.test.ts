import { describe, expect, it } from 'vitest';
import { FLOW_RUN_TABS, FlowRunSearch } from './flow-run-search';

describe('FlowRunSearch', () => {
  it.each(FLOW_RUN_TABS)('keeps the tab %s from the URL', (tab) => {
    expect(FlowRunSearch.parse({ tab })).toEqual({ tab });
  });

  it('opens the default tab (no tab) when the URL has none', () => {
    expect(FlowRunSearch.parse({})).toEqual({});
  });

  it('drops an unknown or mistyped tab instead of failing the route', () => {
    expect(FlowRunSearch.parse({ tab: 'nope' })).toEqual({ tab: undefined });
    expect(FlowRunSearch.parse({ tab: 'Logs' })).toEqual({ tab: undefined });
    expect(FlowRunSearch.parse({ tab: 3 })).toEqual({ tab: undefined });
  });

  it('lists the graph first: it is the tab a run opens on', () => {
    expect(FLOW_RUN_TABS[0]).toBe('graph');
    expect(new Set(FLOW_RUN_TABS).size).toBe(FLOW_RUN_TABS.length);
  });
});
