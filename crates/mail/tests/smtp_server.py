"""A real SMTP server for iop's tests (aiosmtpd).

Usage: smtp_server.py PORT DIR. Writes each accepted message to DIR/N.eml.
A recipient whose local part is `temp` gets 451, `perm` gets 550, `slow`
an answer after 5 seconds; one starting with `flaky` gets 451 at DATA for
the first attempt of each message (by its X-IOP-Reminder header, or its
subject), then 250.
Prints READY once it listens; stops when stdin closes.
"""

import asyncio
import email.parser
import pathlib
import sys

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, out):
        self.out = out
        self.count = 0
        self.refused = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local == "temp":
            return "451 4.3.0 Try again later"
        if local == "slow":
            await asyncio.sleep(5)
        if local == "perm":
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(a.split("@", 1)[0].startswith("flaky") for a in envelope.rcpt_tos):
            head = email.parser.BytesHeaderParser().parsebytes(envelope.original_content)
            key = str(head.get("X-IOP-Reminder") or head.get("Subject"))
            if key not in self.refused:
                self.refused.add(key)
                return "451 4.3.0 Greylisted, try again later"
        self.count += 1
        (self.out / f"{self.count}.eml").write_bytes(envelope.original_content)
        return "250 Message accepted for delivery"


def main():
    port, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    controller = Controller(Handler(out), hostname="127.0.0.1", port=port)
    controller.start()
    print("READY", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
