package io.meshgate.launcher;

import java.io.InputStream;
import java.io.OutputStream;

/** A process that has already exited with a given status: for waits that must notice an exit, without starting one. */
final class ExitedProcess extends Process {

    private final int status;

    ExitedProcess(int status) {
        this.status = status;
    }

    @Override
    public int exitValue() {
        return status;
    }

    @Override
    public int waitFor() {
        return status;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public void destroy() {
        // it has exited already
    }
}
