#!/usr/bin/env python3
"""A Healthie GraphQL stand-in for bench/receiver.sh: answers appointment(id) and its
transcripts for the ids the generator used (FIRST..FIRST+N-1), null otherwise.
Usage: graphql_standin.py PORT FIRST N"""
import json, sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

port, first, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])

def appointment(i):
    return {"id": str(i), "date": "2026-11-27 10:00:00 -0500", "is_group": False, "zoom_meeting_id": "880" + str(i),
            "will_be_scribed": True, "other_party": {"id": "501", "first_name": "Pat", "last_name": "Bench"},
            "user": {"id": "601", "first_name": "Dana", "last_name": "Provider"},
            "zoom_cloud_recording_files": [{"id": "rf" + str(i), "download_url": "https://zoom.example/r.vtt", "file_size": 10,
                                            "file_type": "TRANSCRIPT", "meeting_id": "880" + str(i),
                                            "recording_start": "2026-11-27T15:00:00Z", "recording_end": "2026-11-27T15:40:00Z",
                                            "recording_type": "audio_transcript", "status": "completed"}],
            "transcripts": [{"id": "t" + str(i), "expiring_url": "https://files.example/t.vtt", "status": "completed",
                             "transcript_start": "2026-11-27T15:00:00Z", "transcript_end": "2026-11-27T15:40:00Z",
                             "transcript_type": "realtime_capture"}]}

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args):
        pass
    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        raw = (req.get("variables") or {}).get("id")
        try:
            i = int(raw)
        except (TypeError, ValueError):
            i = -1
        appt = appointment(i) if first <= i < first + n else None
        out = json.dumps({"data": {"appointment": appt}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
