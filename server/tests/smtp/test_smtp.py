"""The test SMTP server's handler (server/tests/api/mail.rs starts it with aiosmtpd from PyPI):

    PYTHONPATH=target/py:server/tests/smtp python3 -m aiosmtpd -n -l 127.0.0.1:<port> -c test_smtp.Maildrop <dir>

Every message accepted is written to <dir>/new as a Maildir would (aiosmtpd's own Mailbox
handler), except for recipients at `refused.example.cn`, which are refused the way a real server
refuses an unknown mailbox: `550 5.1.1`, a permanent failure the platform must not retry.
"""

from aiosmtpd.handlers import Mailbox


class Maildrop(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example.cn"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("the Maildrop handler takes the mail directory")
        return cls(args[0])
