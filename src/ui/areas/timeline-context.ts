import { createContext, useContext } from 'react';
import type { TimelineRenderers } from './area';

/**
 * The composed timeline renderers, provided by the shell from the area list so that panels deep in
 * an area need not import the list (which imports the areas' pages: a cycle).
 */
export const TimelineRenderersContext = createContext<TimelineRenderers>({});

export function useTimelineRenderers(): TimelineRenderers {
  return useContext(TimelineRenderersContext);
}
