"""The replica's edge, from outside: arguments, the hello, bad input, SIGTERM.
Runs the real ./3700kvstore (skipped when it is not built)."""

import json
import os
import signal
import socket
import subprocess
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("KVSTORE_BINARY", os.path.join(ROOT, "3700kvstore"))


@unittest.skipUnless(os.path.exists(BINARY), "3700kvstore is not built")
class Edge(unittest.TestCase):
    def start(self):
        bed = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        bed.bind(("127.0.0.1", 0))
        bed.settimeout(2)
        proc = subprocess.Popen([BINARY, str(bed.getsockname()[1]), "0001", "0002", "0003"],
                                stderr=subprocess.DEVNULL, stdout=subprocess.PIPE)
        data, addr = bed.recvfrom(65535)
        return bed, proc, json.loads(data), addr

    def test_bad_arguments_exit_with_status_2(self):
        members = "0001=127.0.0.1:1,0002=127.0.0.1:2"
        for args in ([], ["7000", "0001"], ["x", "0001", "0002"], ["7000", "001", "0002"],
                     ["7000", "0001", "0001"], ["7000", "FFFF", "0002"],
                     # cluster mode: a flag missing, one member, a positional argument, no --name
                     ["--name", "0001", "--listen-client", "127.0.0.1:3"],
                     ["--name", "0001", "--initial-cluster", "0001=127.0.0.1:1", "--listen-client", "127.0.0.1:3"],
                     ["--name", "0001", "--initial-cluster", members, "--listen-client", "127.0.0.1:3", "7000"],
                     ["--listen-client", "127.0.0.1:3", "7000", "0001", "0002"],
                     ["--name", "0003", "--initial-cluster", members, "--listen-client", "127.0.0.1:3"]):
            run = subprocess.run([BINARY, *args], capture_output=True, text=True)
            self.assertEqual(run.returncode, 2, args)
            self.assertIn("usage", run.stderr)

    def test_hello_comes_first_then_bad_input_is_survived(self):
        bed, proc, hello, addr = self.start()
        try:
            self.assertEqual(hello, {"src": "0001", "dst": "FFFF", "leader": "FFFF", "type": "hello"})
            junk = [b"", b"not json", b"\xff\xfe", b"[1,2]", b'{"src":"0002"}', b"{" * 5000,
                    b'{"src":"0002","dst":"0001","leader":"FFFF","type":"append_entries","term":-1}',
                    b'{"src":"0009","dst":"0001","leader":"FFFF","type":"request_vote","term":5,'
                    b'"last_log_index":0,"last_log_term":0,"pre_vote":false}',
                    b'{"src":"0002","dst":"0001","leader":"FFFF","type":"gossip"}',
                    b'{"src":"0002","dst":"0001","leader":"FFFF","type":"get","MID":"a\\u0000","key":"k"}',
                    b"x" * 65000]
            for datagram in junk:
                bed.sendto(datagram, addr)
            # A real request still gets an answer, well formed. (Alone, the
            # replica never learns of a leader: a request naming none is
            # held; one naming this replica, which does not lead, is
            # answered at once with a redirect.)
            bed.sendto(json.dumps({"src": "0010", "dst": "0001", "leader": "0001", "type": "get",
                                   "MID": "m1", "key": "k"}).encode(), addr)
            time.sleep(0.3)
            self.assertIsNone(proc.poll())
            bed.settimeout(3)
            seen = []
            give_up = time.monotonic() + 5
            while True:
                self.assertLess(time.monotonic(), give_up, "no answer to m1")
                msg = json.loads(bed.recvfrom(65535)[0])
                for field in ("src", "dst", "leader", "type"):
                    self.assertIn(field, msg)
                seen.append(msg)
                if msg.get("MID") == "m1":
                    break
            self.assertIn(seen[-1]["type"], ("redirect", "ok", "fail"))
        finally:
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            self.assertEqual(proc.wait(2), 0)
            self.assertLess(time.monotonic() - started, 1.0)
            self.assertEqual(proc.stdout.read(), b"")  # silent on stdout
            bed.close()


if __name__ == "__main__":
    unittest.main()
