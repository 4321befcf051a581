// The learner chosen on this (possibly shared) device, remembered in localStorage. Its own tiny
// module so the reading script on handbook pages doesn't pull in the learners facade.
export const CURRENT_LEARNER_KEY = 'training-learner';
