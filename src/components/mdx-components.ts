// The components every handbook page may use without importing them (see docs/CONTENT.md).
import Param from './Param.astro';
import Say from './Say.astro';
import Steps from './Steps.astro';
import TimeLimit from './TimeLimit.astro';
import Forbidden from './Forbidden.astro';
import Flow from './Flow.astro';
import SourceNote from './SourceNote.astro';
import Link from './Link.astro';

export const mdxComponents = { Param, Say, Steps, TimeLimit, Forbidden, Flow, SourceNote, a: Link };
// The components pages may name as tags (`a` is the Markdown link, not a tag).
export const MDX_COMPONENT_NAMES = Object.keys(mdxComponents).filter((n) => n !== 'a');
