/**
 * The largest request body the simulator reads, in bytes: 1 MiB. The simulator's own choice: the
 * spec documents the 413 it answers beyond it, not a size. The CLI refuses a larger body before
 * sending it to the simulator.
 */
export const simulatorMaxBodyBytes = 1024 * 1024;
