// Sockets: preview1 has no way to create one, and no socket is ever preopened here, so every
// sock_* call on an existing fd is refused with ENOTSUP (EBADF for a closed fd).
import { Errno } from './errno.js';
import type { SyscallTable, WasiContext } from './context.js';

export function sockSyscalls(ctx: WasiContext): SyscallTable {
  const refuse = (fd: number): number => {
    ctx.fds.get(fd);
    return Errno.NOTSUP;
  };
  return {
    sock_accept: (fd: number, _flags: number, _out: number) => refuse(fd),
    sock_recv: (fd: number, _ri: number, _riLen: number, _flags: number, _len: number, _oflags: number) => refuse(fd),
    sock_send: (fd: number, _si: number, _siLen: number, _flags: number, _len: number) => refuse(fd),
    sock_shutdown: (fd: number, _how: number) => refuse(fd),
  };
}
