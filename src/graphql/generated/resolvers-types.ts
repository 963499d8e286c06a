import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { FrameworkRow as FrameworkRowModel, FrameworkConnectionModel as FrameworkConnectionModelModel, RequirementRow as RequirementRowModel, RequirementConnectionModel as RequirementConnectionModelModel, ControlRow as ControlRowModel, ControlConnectionModel as ControlConnectionModelModel, ControlStatusChangeRow as ControlStatusChangeRowModel, ControlStatusChangeConnectionModel as ControlStatusChangeConnectionModelModel, MappingRow as MappingRowModel, MappingConnectionModel as MappingConnectionModelModel, RequirementLinkRow as RequirementLinkRowModel, RequirementLinkConnectionModel as RequirementLinkConnectionModelModel, EvidenceRow as EvidenceRowModel, EvidenceConnectionModel as EvidenceConnectionModelModel, EvidenceReviewRow as EvidenceReviewRowModel, EvidenceReviewConnectionModel as EvidenceReviewConnectionModelModel, AiSystemRow as AiSystemRowModel, AISystemConnectionModel as AISystemConnectionModelModel, AiSystemControlStatusRow as AiSystemControlStatusRowModel, AISystemControlStatusConnectionModel as AISystemControlStatusConnectionModelModel, NotApplicableMarkRow as NotApplicableMarkRowModel, NotApplicableMarkConnectionModel as NotApplicableMarkConnectionModelModel, ThreatRow as ThreatRowModel, ThreatConnectionModel as ThreatConnectionModelModel, PageInfoModel as PageInfoModelModel, UserErrorModel as UserErrorModelModel } from '../models.js';
import type { GraphQLContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in UTC, written as an ISO 8601 string (e.g. `2026-01-31T12:00:00.000Z`). */
  DateTime: { input: Date; output: Date; }
};

/** A body of requirements: a regulation, standard, internal policy, control or threat catalog. */
export type Framework = Node & {
  __typename?: 'Framework';
  /** When the framework was created here. */
  createdAt: Scalars['DateTime']['output'];
  /** What the framework covers. */
  description: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** What kind of framework this is. */
  kind: FrameworkKind;
  /** Licence under which the content is used. */
  licenseNote: Scalars['String']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Unique human key, e.g. `nist-ai-rmf-1.0`. */
  refId: Scalars['String']['output'];
  /** Where the content came from (publisher, repository, commit). */
  sourceNote: Scalars['String']['output'];
  /** When the framework was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Version of the framework text. */
  version: Scalars['String']['output'];
};

/** A page of frameworks. */
export type FrameworkConnection = {
  __typename?: 'FrameworkConnection';
  /** The frameworks of this page with their cursors. */
  edges: Array<FrameworkEdge>;
  /** Paging state. */
  pageInfo: PageInfo;
  /** Number of frameworks matching the filter, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Fields of a new framework. */
export type FrameworkCreateInput = {
  /** What the framework covers. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** What kind of framework this is. */
  kind: FrameworkKind;
  /** Licence under which the content is used. */
  licenseNote?: InputMaybe<Scalars['String']['input']>;
  /** Display name. */
  name: Scalars['String']['input'];
  /** Unique human key, e.g. `iso-42001`. 1–100 characters, no surrounding spaces. */
  refId: Scalars['String']['input'];
  /** Where the content came from. */
  sourceNote?: InputMaybe<Scalars['String']['input']>;
  /** Version of the framework text. */
  version?: InputMaybe<Scalars['String']['input']>;
};

/** Which framework to delete. */
export type FrameworkDeleteInput = {
  /** The framework to delete. */
  id: Scalars['ID']['input'];
};

/** Result of deleting a framework. */
export type FrameworkDeletePayload = {
  __typename?: 'FrameworkDeletePayload';
  /** Global id of the deleted framework; null when userErrors is not empty. */
  deletedId: Maybe<Scalars['ID']['output']>;
  /** Why the deletion was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** A framework in a connection. */
export type FrameworkEdge = {
  __typename?: 'FrameworkEdge';
  /** Pass as `after` to continue after this item. */
  cursor: Scalars['String']['output'];
  /** The framework. */
  node: Framework;
};

/** Filters for `frameworks`; all given conditions must hold. */
export type FrameworkFilter = {
  /** Only frameworks of these kinds. */
  kinds?: InputMaybe<Array<FrameworkKind>>;
  /** Case-insensitive substring of refId, name or description. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** What kind of body of requirements a framework is. */
export type FrameworkKind =
  /** A catalog of controls or mitigations, e.g. MITRE ATLAS mitigations. */
  | 'CONTROL_CATALOG'
  /** The organisation's own policy. */
  | 'INTERNAL_POLICY'
  /** A law or regulation, e.g. the EU AI Act. */
  | 'REGULATION'
  /** A published standard or framework, e.g. NIST AI RMF. */
  | 'STANDARD'
  /** A catalog of threats, e.g. MITRE ATLAS techniques. Holds threats rather than requirements. */
  | 'THREAT_CATALOG';

/** Result of creating or updating a framework. */
export type FrameworkPayload = {
  __typename?: 'FrameworkPayload';
  /** The framework after the change; null when userErrors is not empty. */
  framework: Maybe<Framework>;
  /** Why the change was refused; empty on success. */
  userErrors: Array<UserError>;
};

/** Changes to a framework; omitted fields stay as they are. */
export type FrameworkUpdateInput = {
  /** New description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The framework to change. */
  id: Scalars['ID']['input'];
  /** New kind. */
  kind?: InputMaybe<FrameworkKind>;
  /** New licence note. */
  licenseNote?: InputMaybe<Scalars['String']['input']>;
  /** New display name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New unique human key. */
  refId?: InputMaybe<Scalars['String']['input']>;
  /** New source note. */
  sourceNote?: InputMaybe<Scalars['String']['input']>;
  /** New version. */
  version?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Always true; lets clients check that mutations are reachable. */
  _ping: Scalars['Boolean']['output'];
  /** Create a framework. DUPLICATE when the refId is taken. */
  frameworkCreate: FrameworkPayload;
  /**
   * Delete a framework together with its requirements and their retired history. Refused with
   * IN_USE while any of its requirements has a live mapping, a live crosswalk link or a linked
   * threat, or while it holds threats or applies to an AI system.
   */
  frameworkDelete: FrameworkDeletePayload;
  /** Change a framework's fields. */
  frameworkUpdate: FrameworkPayload;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationFrameworkCreateArgs = {
  input: FrameworkCreateInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationFrameworkDeleteArgs = {
  input: FrameworkDeleteInput;
};


/** Changes to the graph. Every mutation takes one `input` and returns a payload with `userErrors`. */
export type MutationFrameworkUpdateArgs = {
  input: FrameworkUpdateInput;
};

/** An object with a globally unique, opaque, stable id. Fetch any of them with `node(id)`. */
export type Node = {
  /** Opaque global id; stable for the life of the object. Do not parse it. */
  id: Scalars['ID']['output'];
};

/** Paging state of a connection. Pages go forward only, with `first` and `after`. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page; pass it as `after` to get the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** True when more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Always false: connections page forward only. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of this page, or null when the page is empty. */
  startCursor: Maybe<Scalars['String']['output']>;
};

/** Read access to the graph. */
export type Query = {
  __typename?: 'Query';
  /** One framework by global id or by refId (give exactly one); null when not found. */
  framework: Maybe<Framework>;
  /** Frameworks ordered by refId. */
  frameworks: FrameworkConnection;
  /** Any object by its global id; null when it does not exist. */
  node: Maybe<Node>;
  /** Objects by global ids, in the same order; null for each id that does not exist. At most 100 ids. */
  nodes: Array<Maybe<Node>>;
};


/** Read access to the graph. */
export type QueryFrameworkArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  refId?: InputMaybe<Scalars['String']['input']>;
};


/** Read access to the graph. */
export type QueryFrameworksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<FrameworkFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read access to the graph. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Read access to the graph. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};

/**
 * NIST IR 8477 set-theory relationship, read "the source is ⟨relationship⟩ the target"
 * (for a mapping: "the requirement is ⟨relationship⟩ the control").
 */
export type Relationship =
  /** Source and target cover the same ground. */
  | 'EQUAL'
  /** Source and target overlap; neither contains the other. */
  | 'INTERSECTS_WITH'
  /** The source is contained in the target: the target covers all of the source. */
  | 'SUBSET_OF'
  /** The source contains the target: the target covers only part of the source. */
  | 'SUPERSET_OF';

/** Why a mutation did not do what it was asked. The payload's result field is then null. */
export type UserError = {
  __typename?: 'UserError';
  /** Machine-readable reason. */
  code: UserErrorCode;
  /** Path to the input field at fault, e.g. ["input", "refId"]; null when not about one field. */
  field: Maybe<Array<Scalars['String']['output']>>;
  /** A human-readable explanation. */
  message: Scalars['String']['output'];
};

/** Machine-readable reasons a mutation can fail. */
export type UserErrorCode =
  /** The object is not in a state that allows this change. */
  | 'CONFLICT'
  /** An object with the same unique key already exists. */
  | 'DUPLICATE'
  /** The caller is not allowed to do this. */
  | 'FORBIDDEN'
  /** A value is malformed or out of range. */
  | 'INVALID'
  /** Other objects depend on this one. */
  | 'IN_USE'
  /** The referenced object does not exist or is not visible to the caller. */
  | 'NOT_FOUND';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node: ( FrameworkRowModel );
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Framework: ResolverTypeWrapper<FrameworkRowModel>;
  FrameworkConnection: ResolverTypeWrapper<FrameworkConnectionModelModel>;
  FrameworkCreateInput: FrameworkCreateInput;
  FrameworkDeleteInput: FrameworkDeleteInput;
  FrameworkDeletePayload: ResolverTypeWrapper<Omit<FrameworkDeletePayload, 'userErrors'> & { userErrors: Array<ResolversTypes['UserError']> }>;
  FrameworkEdge: ResolverTypeWrapper<Omit<FrameworkEdge, 'node'> & { node: ResolversTypes['Framework'] }>;
  FrameworkFilter: FrameworkFilter;
  FrameworkKind: FrameworkKind;
  FrameworkPayload: ResolverTypeWrapper<Omit<FrameworkPayload, 'framework' | 'userErrors'> & { framework?: Maybe<ResolversTypes['Framework']>, userErrors: Array<ResolversTypes['UserError']> }>;
  FrameworkUpdateInput: FrameworkUpdateInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfoModelModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Relationship: Relationship;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  UserError: ResolverTypeWrapper<UserErrorModelModel>;
  UserErrorCode: UserErrorCode;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  DateTime: Scalars['DateTime']['output'];
  Framework: FrameworkRowModel;
  FrameworkConnection: FrameworkConnectionModelModel;
  FrameworkCreateInput: FrameworkCreateInput;
  FrameworkDeleteInput: FrameworkDeleteInput;
  FrameworkDeletePayload: Omit<FrameworkDeletePayload, 'userErrors'> & { userErrors: Array<ResolversParentTypes['UserError']> };
  FrameworkEdge: Omit<FrameworkEdge, 'node'> & { node: ResolversParentTypes['Framework'] };
  FrameworkFilter: FrameworkFilter;
  FrameworkPayload: Omit<FrameworkPayload, 'framework' | 'userErrors'> & { framework?: Maybe<ResolversParentTypes['Framework']>, userErrors: Array<ResolversParentTypes['UserError']> };
  FrameworkUpdateInput: FrameworkUpdateInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfoModelModel;
  Query: Record<PropertyKey, never>;
  String: Scalars['String']['output'];
  UserError: UserErrorModelModel;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FrameworkResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Framework'] = ResolversParentTypes['Framework']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['FrameworkKind'], ParentType, ContextType>;
  licenseNote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sourceNote?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FrameworkConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkConnection'] = ResolversParentTypes['FrameworkConnection']> = {
  edges?: Resolver<Array<ResolversTypes['FrameworkEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FrameworkDeletePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkDeletePayload'] = ResolversParentTypes['FrameworkDeletePayload']> = {
  deletedId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type FrameworkEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkEdge'] = ResolversParentTypes['FrameworkEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
};

export type FrameworkPayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['FrameworkPayload'] = ResolversParentTypes['FrameworkPayload']> = {
  framework?: Resolver<Maybe<ResolversTypes['Framework']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  _ping?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  frameworkCreate?: Resolver<ResolversTypes['FrameworkPayload'], ParentType, ContextType, RequireFields<MutationFrameworkCreateArgs, 'input'>>;
  frameworkDelete?: Resolver<ResolversTypes['FrameworkDeletePayload'], ParentType, ContextType, RequireFields<MutationFrameworkDeleteArgs, 'input'>>;
  frameworkUpdate?: Resolver<ResolversTypes['FrameworkPayload'], ParentType, ContextType, RequireFields<MutationFrameworkUpdateArgs, 'input'>>;
};

export type NodeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Framework', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  framework?: Resolver<Maybe<ResolversTypes['Framework']>, ParentType, ContextType, Partial<QueryFrameworkArgs>>;
  frameworks?: Resolver<ResolversTypes['FrameworkConnection'], ParentType, ContextType, Partial<QueryFrameworksArgs>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Node']>>, ParentType, ContextType, RequireFields<QueryNodesArgs, 'ids'>>;
};

export type UserErrorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['UserErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  DateTime?: GraphQLScalarType;
  Framework?: FrameworkResolvers<ContextType>;
  FrameworkConnection?: FrameworkConnectionResolvers<ContextType>;
  FrameworkDeletePayload?: FrameworkDeletePayloadResolvers<ContextType>;
  FrameworkEdge?: FrameworkEdgeResolvers<ContextType>;
  FrameworkPayload?: FrameworkPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
};

