import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 30,
  },
  road: {
    fill: '#7df3e1',
  },
  text: {
    fill: '#7df3e1',
    fontFamily: 'Helvetica Neue, Helvetica, Arial, sans-serif',
    fontWeight: 700,
    fontSize: 36,
  },
});

/** The Paved wordmark: a paved road and the name. */
export const LogoFull = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 150 40"
      role="img"
      aria-label="Paved"
    >
      <path className={classes.road} d="M8 38 L16 2 H24 L32 38 Z" />
      <path
        d="M19 6 h2 v6 h-2 z M19 17 h2 v7 h-2 z M19 29 h2 v7 h-2 z"
        fill="#171717"
      />
      <text className={classes.text} x="40" y="33">
        Paved
      </text>
    </svg>
  );
};
