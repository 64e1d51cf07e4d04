"""An SMS gateway that never answers, for killing a worker while it sends: it connects to the port named in
BLOCKING_SMS_PORT and waits for a reply that never comes."""
import os
import socket


class BlockingSms:
    def __init__(self, config):
        self.port = int(os.environ["BLOCKING_SMS_PORT"])

    def send(self, phone: str, text: str, client_ref: str) -> None:
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            s.recv(1)
        raise OSError("the gateway hung up")
