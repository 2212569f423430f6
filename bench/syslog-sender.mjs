// The syslog benchmark's sender, a process of its own (plain JavaScript, no build): RFC 5424 messages
// to 127.0.0.1, over UDP at a fixed rate for a fixed time, or over TCP (octet counting) as fast as the
// listener takes them. Prints one JSON line: what it sent, and for how long.
//
// node bench/syslog-sender.mjs udp PORT RATE SECONDS
// node bench/syslog-sender.mjs tcp PORT 0 SECONDS
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';

const [protocol, portText, rateText, secondsText] = process.argv.slice(2);
const port = Number(portText);
const rate = Number(rateText);
const durationMs = Number(secondsText) * 1000;
const hosts = ['plc-gw-1', 'fw-edge', 'hmi-02', 'rtu-17', 'ews-04'];
const apps = ['s7gw', 'iptables', 'winlogon', 'modbusd', 'sshd'];

/** A varied, realistic message: a sequence number keeps every one distinct (distinct event ids). */
function message(seq) {
  const i = seq % 5;
  return `<${(16 + i) * 8 + (seq % 8)}>1 2026-12-07T10:00:${String(seq % 60).padStart(2, '0')}.${String(seq % 1000).padStart(3, '0')}Z ${hosts[i]} ${apps[i]} ${1000 + i} ID${i} [ics@32473 station="${i}" seq="${seq}"] message ${seq} from ${hosts[i]}: operation write register ${seq % 4096} value ${seq % 977}`;
}

function done(sent, started) {
  process.stdout.write(`${JSON.stringify({ sent, ms: Math.round(performance.now() - started) })}\n`);
}

if (protocol === 'udp') {
  const socket = createSocket('udp4');
  socket.connect(port, '127.0.0.1', () => {
    const started = performance.now();
    let sent = 0;
    // Each turn sends what the rate owes by now: bursts stay below a millisecond or two of traffic.
    const turn = () => {
      const elapsed = performance.now() - started;
      const owed = Math.min(Math.floor((Math.min(elapsed, durationMs) * rate) / 1000), sent + Math.ceil(rate / 200));
      while (sent < owed) socket.send(message(sent++));
      if (elapsed >= durationMs) {
        socket.close(() => done(sent, started));
        return;
      }
      setImmediate(turn);
    };
    turn();
  });
} else {
  const socket = connect({ host: '127.0.0.1', port }, () => {
    const started = performance.now();
    let sent = 0;
    const pump = () => {
      for (;;) {
        if (performance.now() - started >= durationMs) {
          socket.end(() => done(sent, started));
          return;
        }
        let chunk = '';
        for (let k = 0; k < 256; k++) {
          const m = message(sent++);
          chunk += `${Buffer.byteLength(m)} ${m}`;
        }
        // The listener's back-pressure reaches us here: wait until the socket drains.
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  socket.on('error', (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
