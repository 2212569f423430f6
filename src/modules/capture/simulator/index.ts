export { defaultSimulation, minimumSeconds, simulatedFrames, simulatePlant, writeSimulatedCapture, type SimulateOptions } from './simulate.js';
export { plantHosts } from './plant.js';
