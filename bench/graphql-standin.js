// A Healthie GraphQL stand-in for bench/receiver.sh: answers appointment(id) (with its recording
// files and transcripts) for the ids the generator used, FIRST..FIRST+N-1, and null otherwise.
// Node's http server keeps its CPU cost small beside the receiver being measured.
// Usage: node graphql-standin.js PORT FIRST N
const http = require('http');
const [port, first, n] = process.argv.slice(2).map(Number);
let served = 0;
function appointment(i) {
  return {
    id: String(i), date: '2026-11-27 10:00:00 -0500', is_group: false, zoom_meeting_id: '880' + i, will_be_scribed: true,
    other_party: { id: '501', first_name: 'Pat', last_name: 'Bench' }, user: { id: '601', first_name: 'Dana', last_name: 'Provider' },
    zoom_cloud_recording_files: [{ id: 'rf' + i, download_url: 'https://zoom.example/r.vtt', file_size: 10, file_type: 'TRANSCRIPT',
      meeting_id: '880' + i, recording_start: '2026-11-27T15:00:00Z', recording_end: '2026-11-27T15:40:00Z',
      recording_type: 'audio_transcript', status: 'completed' }],
    transcripts: [{ id: 't' + i, expiring_url: 'https://files.example/t.vtt', status: 'completed',
      transcript_start: '2026-11-27T15:00:00Z', transcript_end: '2026-11-27T15:40:00Z', transcript_type: 'realtime_capture' }],
  };
}
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let id = -1;
    try { id = Number((JSON.parse(Buffer.concat(chunks)).variables || {}).id); } catch (e) { /* answer null */ }
    const out = JSON.stringify({ data: { appointment: id >= first && id < first + n ? appointment(id) : null } });
    served++;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(out) });
    res.end(out);
  });
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => { console.error(`graphql stand-in served ${served}`); process.exit(0); });
