"""SSH listener of one device: password and public-key auth, the `netconf` subsystem."""
from __future__ import annotations

import hmac
from pathlib import Path
from typing import TYPE_CHECKING

import asyncssh

from srxsim.session import Session

if TYPE_CHECKING:
    from srxsim.device import Device
    from srxsim.lab import Lab


def host_key(path: Path) -> asyncssh.SSHKey:
    """The device's host key, generated on first start and kept in the state dir."""
    if path.exists():
        return asyncssh.read_private_key(str(path))
    key = asyncssh.generate_private_key("ssh-ed25519")
    path.parent.mkdir(parents=True, exist_ok=True)
    key.write_private_key(str(path))
    path.chmod(0o600)
    key.write_public_key(str(path) + ".pub")
    return key


class _DeviceSSHServer(asyncssh.SSHServer):
    def __init__(self, lab: "Lab", device: "Device", authorized_keys: Path):
        self.lab = lab
        self.device = device
        self.authorized_keys = authorized_keys
        self.user = ""
        self.conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.conn = conn

    def begin_auth(self, username: str) -> bool:
        self.user = username
        if self.authorized_keys.exists() and username == self.device.settings.username:
            self.conn.set_authorized_keys(str(self.authorized_keys))
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        settings = self.device.settings
        return username == settings.username and hmac.compare_digest(password.encode(), settings.password.encode())

    def public_key_auth_supported(self) -> bool:
        return self.authorized_keys.exists()

    def session_requested(self) -> Session:
        return Session(self.lab, self.device, self.user)


async def listen(lab: "Lab", device: "Device", host: str, port: int, key: asyncssh.SSHKey,
                 authorized_keys: Path) -> asyncssh.SSHAcceptor:
    return await asyncssh.create_server(
        lambda: _DeviceSSHServer(lab, device, authorized_keys), host, port,
        server_host_keys=[key], encoding=None, reuse_address=True, login_timeout=30, keepalive_interval=0)
