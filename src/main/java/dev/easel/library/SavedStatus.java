package dev.easel.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.easel.api.JobOutput;
import dev.easel.api.JobState;
import dev.easel.api.StatusReader;
import dev.easel.api.StatusResponse;
import dev.easel.workflow.WorkflowException;
import dev.easel.workflow.WorkflowJson;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A {@code /status} (or {@code /runsync}) answer saved to a file, as the tutorial's
 * {@code curl … | jq . > comfyui_output.json} writes it: read, and checked to hold images.
 */
public record SavedStatus(StatusResponse status, JobOutput.Images images) {

    /**
     * Reads the answer.
     *
     * @throws LibraryException with a sentence for the user when the file is missing, is not such an answer, or its
     *                          job failed, is unfinished or saved no images
     */
    public static SavedStatus read(Path file) throws LibraryException {
        StatusResponse status;
        try {
            if (Files.size(file) > STREAMED_FROM) {
                // images decoded into temporary files as the answer is read: never the whole answer as strings
                status = StatusReader.read(file, null);
            } else {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                // Windows editors and PowerShell's Out-File start UTF-8 with a byte order mark
                JsonNode body = WorkflowJson.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
                if (!body.isObject()) {
                    throw new LibraryException(file + ": this JSON is not a Runpod status answer (it has no "
                            + "\"status\").");
                }
                status = StatusResponse.parse(body);
            }
        } catch (NoSuchFileException e) {
            throw new LibraryException("There is no file " + file + ".");
        } catch (MalformedInputException | JsonEOFException e) {
            throw new LibraryException(e instanceof JsonEOFException
                    ? file + " ends in the middle of its JSON: the answer was saved cut short."
                    : file + " is not a text file, so not a saved status answer.");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new LibraryException(file + " is not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage().replaceAll("\\s*\\n.*", ""));
        } catch (IOException e) {
            throw new LibraryException("Can't read " + file + ": " + e.getMessage());
        } catch (WorkflowException e) {
            throw new LibraryException(e.getMessage());
        }
        try {
            return check(file, status);
        } catch (LibraryException e) {
            status.discard();
            throw e;
        }
    }

    /** Deletes the temporary files of images decoded while reading; call it when done with the images. */
    public void discard() {
        status.discard();
    }

    private static SavedStatus check(Path file, StatusResponse status) throws LibraryException {
        if (status.rawStatus() == null) {
            throw new LibraryException(file + ": this JSON is not a Runpod status answer (it has no \"status\").");
        }
        var failure = status.failure();
        if (failure.isPresent()) {
            throw new LibraryException("The job " + status.id() + " did not produce images: "
                    + failure.get().summary() + (failure.get().detail().isBlank() ? "" : "\n\n" + failure.get().detail()));
        }
        if (status.state() != JobState.COMPLETED) {
            throw new LibraryException("The job " + status.id() + " is " + status.rawStatus() + ", not COMPLETED: "
                    + "poll /status again until it is, then save that answer.");
        }
        if (!(status.output() instanceof JobOutput.Images images)) {
            throw new LibraryException("The job completed without images (the workflow saved none).");
        }
        return new SavedStatus(status, images);
    }

    /** Files larger than this are read streaming. */
    private static final long STREAMED_FROM = 1024 * 1024;
}
