package org.ddsec.cli.media;

import picocli.CommandLine.Command;

/**
 * {@code ./ddsec media ...}: voice messages as SRTP captures, standalone, for cross-checks with
 * other stacks (tshark, ffmpeg, jitsi-srtp). Keys are hex; results print as {@code name=value}.
 */
@Command(
    name = "media",
    mixinStandardHelpOptions = true,
    description = "Voice messages as SRTP in pcap captures (WAV in, WAV out).",
    subcommands = {EncodeCommand.class, DecodeCommand.class})
public final class MediaCommand {}
