import type { Scenario } from '@jcaco/model';

/**
 * Two UEs, one AP, one ES with one model and one step count: both UEs share everything, so
 * the closed forms of docs/spec-model.md §3–§4 can be written out by hand in the test.
 */
export function twoUeScenario(allocation: 'optimal' | 'equal'): Scenario {
  return {
    schema: 'jcaco/scenario@1',
    name: 'two-ue',
    allocation,
    channel: {
      noiseDbmPerHz: -174,
      pathLoss: { model: 'log-distance', refDistanceM: 1, refLossDb: 38.5, exponent: 3.5 },
      minSnrDb: 0,
      minSpectralEfficiency: 0.1,
      fading: 'none',
    },
    aps: [{ id: 'ap1', position: [0, 0], bandwidthHz: 2e7 }],
    servers: [
      {
        id: 'es1',
        flops: 1e14,
        models: [
          {
            id: 'gdm',
            flopsPerStep: 1.6e12,
            fixedFlops: 0,
            steps: [20],
            quality: { kind: 'exponential', max: 0.95, rate: 0.08 },
          },
        ],
      },
    ],
    backhaul: null,
    ues: [
      {
        id: 'ue1',
        position: [40, 30],
        txPowerDbm: 23,
        uplinkBits: 8000,
        downlinkBits: 8e6,
        minQuality: 0.5,
        deadlineS: null,
        activity: 1,
      },
      {
        id: 'ue2',
        position: [-60, 10],
        txPowerDbm: 20,
        uplinkBits: 16000,
        downlinkBits: 4e6,
        minQuality: 0.5,
        deadlineS: 2,
        activity: 1,
      },
    ],
  };
}
