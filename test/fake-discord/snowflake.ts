// Discord ids are snowflakes: milliseconds since the Discord epoch in the top bits, so discord.js can
// derive `createdTimestamp` from them. https://discord.com/developers/docs/reference#snowflakes
const DISCORD_EPOCH = 1_420_070_400_000n;

export type NextId = () => string;

/** Makes a generator of strictly increasing snowflakes; each fake server has its own. */
export function createSnowflakes(): NextId {
  let last = 0n;
  return () => {
    const candidate = (BigInt(Date.now()) - DISCORD_EPOCH) << 22n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString();
  };
}
