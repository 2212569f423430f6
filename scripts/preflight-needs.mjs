// What each npm script needs from the system, as data: one line per need. Each names how it is checked
// (a file, or a command on PATH) and the Debian package that provides it.

/** @typedef {{ what: string, file?: string, command?: string, package: string, debconf?: string }} Need */

/** @type {Record<string, { packages: Need[], postgres: boolean, nats?: boolean }>} */
export const needs = {
  test: {
    packages: [
      { what: 'Chromium for the browser tests', file: '/usr/bin/chromium', package: 'chromium' },
      // tshark asks whether non-root users may capture; answered no, without a prompt.
      { what: 'tshark, the independent oracle of the dissectors', command: 'tshark', package: 'tshark', debconf: 'wireshark-common wireshark-common/install-setuid boolean false' },
      { what: 'the IEEE OUI registry for MAC vendors', file: '/usr/share/ieee-data/oui.csv', package: 'ieee-data' },
      // The sensing inputs are tested against real clients: logger (syslog), mosquitto_pub (MQTT), tcpdump (sensor pipes).
      { what: 'logger, the real syslog client of the listener tests', command: 'logger', package: 'bsdutils' },
      { what: 'mosquitto_pub, the real MQTT client of the telemetry tests', command: 'mosquitto_pub', package: 'mosquitto-clients' },
      { what: 'tcpdump, a live packet stream for the sensor tests', command: 'tcpdump', package: 'tcpdump' },
    ],
    // The storage contract suite runs every test on PostgreSQL too.
    postgres: true,
    // The scale-out tests run workers on the real NATS JetStream server (started when it is down).
    nats: true,
  },
  start: { packages: [], postgres: false },
};
