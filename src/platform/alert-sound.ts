// A short two-tone alert for a flagged result, made with Web Audio so it needs no file and works offline.
let context: AudioContext | null = null;

const TONE_HZ = [880, 660] as const;
const TONE_LENGTH_S = 0.18;

export function playFlagAlert(): void {
  try {
    context ??= new AudioContext();
    const start = context.currentTime;
    TONE_HZ.forEach((hz, i) => {
      if (!context) return;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = hz;
      oscillator.type = 'square';
      gain.gain.value = 0.2;
      oscillator.connect(gain).connect(context.destination);
      const at = start + i * TONE_LENGTH_S;
      oscillator.start(at);
      oscillator.stop(at + TONE_LENGTH_S * 0.9);
    });
  } catch {
    // No audio device (or autoplay refused): the colour signal on screen still shows the flag.
  }
}
