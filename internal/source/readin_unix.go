//go:build unix

package source

import (
	"os"

	"golang.org/x/sys/unix"
)

// readIn reads the file name in the folder d with the system's calls:
// os.Root and os.OpenFile offer every file to the network poller (four
// fcntl and a failing epoll_ctl each), most of the system calls of
// loading 10 000 certificate files. A symbolic link is not followed
// (O_NOFOLLOW), and a file that does not open is left to the caller
// (ok false), which follows a link only inside the sources folder and
// names the error; O_NONBLOCK, so that a named pipe is refused rather
// than waited on. data is at most maxFileBytes+1 bytes of the file.
func readIn(d *os.File, name string) (data []byte, regular, ok bool, err error) {
	raw, err := d.SyscallConn()
	if err != nil {
		return nil, false, false, nil
	}
	fd := -1
	var oerr error
	if err := raw.Control(func(dfd uintptr) {
		for {
			fd, oerr = unix.Openat(int(dfd), name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
			if oerr != unix.EINTR {
				return
			}
		}
	}); err != nil || oerr != nil {
		return nil, false, false, nil
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, false, true, os.NewSyscallError("fstat", err)
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, false, true, nil
	}
	// Room for the size as it was, and one byte to see it grown past
	// the limit.
	data = make([]byte, 0, min(max(st.Size, 0), maxFileBytes)+1)
	for len(data) <= maxFileBytes {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := unix.Read(fd, data[len(data):min(cap(data), maxFileBytes+1)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, true, true, os.NewSyscallError("read", err)
		}
		if n == 0 {
			break
		}
		data = data[:len(data)+n]
	}
	return data, true, true, nil
}
