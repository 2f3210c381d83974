export type AutonomyLevel = 'observe' | 'propose' | 'auto';
